package nl.marketplace.reviews.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * Keeps subscription WebSockets from holding up shutdown, and counts them.
 *
 * <p>Quarkus 3.34 counts every HTTP request until its response ends, and on shutdown waits for
 * that count to reach zero (quarkus.shutdown.timeout). A request upgraded to a WebSocket never
 * ends a response, so once a pod has served one subscription, every later shutdown waited the
 * full 30 s, even with no socket open. When the socket's connection closes, this marks the request
 * done, as its response end would have.
 *
 * <p>A workaround for a framework limit: docs/upstream/websocket-shutdown.md (what, upstream, tripwire).
 */
@ApplicationScoped
@RegisterForReflection(targets = QuarkusRequestWrapper.class, methods = true, fields = false)
public class SubscriptionSockets {

    private static final Logger LOG = Logger.getLogger(SubscriptionSockets.class);
    private static final MethodHandle DONE = requestDone();

    /** Connections upgraded to a subscription socket, with the request that upgraded each. */
    private final Map<HttpConnection, QuarkusRequestWrapper> sockets = new ConcurrentHashMap<>();

    public SubscriptionSockets(MeterRegistry registry) {
        Gauge.builder("graphql.subscriptions.connections", sockets, Map::size)
                .description("Open WebSockets: GraphQL subscriptions, the only ones the service serves")
                .register(registry);
    }

    void install(@Observes Router router) {
        router.route().order(-999).handler(rc -> {
            HttpServerRequest request = rc.request();
            if (request.method() == HttpMethod.GET && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                HttpConnection connection = request.connection();
                QuarkusRequestWrapper tracked = QuarkusRequestWrapper.get(request);
                // An upgraded connection carries only its socket and closes with it. Keyed by
                // connection, so a client repeating the header on a kept-alive one counts once.
                if (tracked != null && sockets.put(connection, tracked) == null) {
                    connection.closeHandler(closed -> release(sockets.remove(connection)));
                }
            }
            rc.next();
        });
    }

    /** Open subscription sockets on this instance. */
    public int open() {
        return sockets.size();
    }

    /** Whether closed sockets are taken out of the shutdown's request count on this Quarkus version. */
    public static boolean releasesShutdown() {
        return DONE != null;
    }

    private static void release(QuarkusRequestWrapper request) {
        if (DONE == null || request == null) {
            return;
        }
        try {
            DONE.invoke(request); // idempotent: the wrapper runs its done handlers once
        } catch (Throwable e) {
            LOG.warnf("Could not mark a closed WebSocket's request done: %s", e.toString());
        }
    }

    private static MethodHandle requestDone() {
        try {
            var method = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            method.setAccessible(true);
            return MethodHandles.lookup().unreflect(method).asType(MethodType.methodType(void.class, QuarkusRequestWrapper.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A later Quarkus may rename it (or fix the count): shutdown then waits as before.
            Logger.getLogger(SubscriptionSockets.class)
                    .warnf("QuarkusRequestWrapper.done() not found; open WebSockets delay shutdown: %s", e.toString());
            return null;
        }
    }
}
