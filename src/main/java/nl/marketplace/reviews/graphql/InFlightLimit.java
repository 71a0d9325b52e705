package nl.marketplace.reviews.graphql;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sheds load instead of slowing every request down: at most {@code reviews.graphql.max-in-flight}
 * GraphQL requests (POST and GET; not subscription sockets) run at once on an instance, and one more
 * is answered at once with 503 SERVICE_UNAVAILABLE and {@code Retry-After}. Without the limit a burst
 * of mobile traffic made every request wait on every other (p99 seconds) and grew the heap past the
 * pod's memory limit (README, "Under overload").
 */
@ApplicationScoped
public class InFlightLimit {

    private static final Logger LOG = Logger.getLogger(InFlightLimit.class);
    /** Set once a request is admitted, so that a GET rerouted as a POST is counted once. */
    private static final String ADMITTED = InFlightLimit.class.getName() + ".admitted";

    private final int max;
    private final String retryAfterSeconds;
    /** The responses of the admitted requests that have not ended. */
    private final Set<HttpServerResponse> inFlight = ConcurrentHashMap.newKeySet();
    private final Counter shed;
    private volatile long lastLogged;

    public InFlightLimit(@ConfigProperty(name = "reviews.graphql.max-in-flight", defaultValue = "64") int max,
            @ConfigProperty(name = "reviews.graphql.retry-after-seconds", defaultValue = "1") int retryAfterSeconds) {
        this.max = max;
        this.retryAfterSeconds = Integer.toString(retryAfterSeconds);
        this.shed = Counter.builder("graphql.requests.shed").description("GraphQL requests answered 503 because too many were running")
                .register(Metrics.globalRegistry);
        Gauge.builder("graphql.requests.in.flight", inFlight, Set::size).description("GraphQL requests running now")
                .register(Metrics.globalRegistry);
    }

    void install(@Observes Router router) {
        // Before everything else on /graphql, so that a shed request costs nothing but this answer.
        router.route("/graphql").order(-1000).handler(this::admit);
    }

    private void admit(RoutingContext rc) {
        if (rc.get(ADMITTED) != null || "websocket".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.UPGRADE))) {
            rc.next();
            return;
        }
        if (inFlight.size() >= max) {
            // Responses whose client hung up (or whose end went unreported): their slots are free.
            inFlight.removeIf(response -> response.ended() || response.closed());
        }
        if (inFlight.size() >= max) {
            shed.increment();
            long now = System.nanoTime();
            if (now - lastLogged > 10_000_000_000L) {
                lastLogged = now;
                LOG.warnf("More than %d GraphQL requests at once: answering 503 (graphql.requests.shed counts them)", max);
            }
            rc.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
            GraphQLRequestGuard.refuse(rc, 503, ApiErrorCode.SERVICE_UNAVAILABLE,
                    "The service is busy; try again in " + retryAfterSeconds + " s");
            return;
        }
        rc.put(ADMITTED, Boolean.TRUE);
        HttpServerResponse response = rc.response();
        inFlight.add(response);
        // Not rc.addEndHandler: Quarkus' SmallRye GraphQL handler (SmallRyeGraphQLAbstractHandler.handle)
        // sets the response's end, exception and close handlers itself, replacing Vert.x Web's, so
        // end handlers added before it never run. The body-end handler it leaves alone; a client that
        // hangs up is noticed by the sweep above. InFlightLimitTest covers both.
        rc.addBodyEndHandler(ignored -> inFlight.remove(response));
        rc.next();
    }

    /** Requests running now (for tests). */
    int inFlight() {
        return (int) inFlight.stream().filter(response -> !response.ended() && !response.closed()).count();
    }
}
