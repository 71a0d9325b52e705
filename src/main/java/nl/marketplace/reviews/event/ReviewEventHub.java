package nl.marketplace.reviews.event;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;

/**
 * Listens on the review_events channel with a connection of its own (LISTEN) and fans the
 * notifications out to the subscriptions of this instance. Every instance listens, so a change
 * made through any instance reaches subscribers on all of them. Reconnects after a lost connection.
 */
@ApplicationScoped
public class ReviewEventHub {

    private static final Logger LOG = Logger.getLogger(ReviewEventHub.class);

    /** One notification: what happened, to which partner's which review. */
    public record Notification(ReviewEventType type, long partnerKey, long reviewKey) {
    }

    private final BroadcastProcessor<Notification> processor = BroadcastProcessor.create();
    private final Map<Long, Integer> subscriptions = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private PgSubscriber subscriber;

    public ReviewEventHub(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    void start(@Observes StartupEvent event) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(ReviewEvents.CHANNEL).handler(this::receive);
        subscriber.connect().subscribe().with(
                ignored -> LOG.debug("Listening for review events"),
                failure -> LOG.errorf("Cannot listen for review events: %s", failure.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.close().subscribe().with(ignored -> { }, failure -> { });
        }
        processor.onComplete();
    }

    private void receive(String payload) {
        String[] parts = payload.split(":");
        try {
            processor.onNext(new Notification(ReviewEventType.valueOf(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2])));
        } catch (RuntimeException e) {
            LOG.warnf("Ignored a malformed review event: %s", payload);
        }
    }

    /** The events of one partner, from now on. */
    public Multi<Notification> of(long partnerKey) {
        return processor.filter(n -> n.partnerKey() == partnerKey)
                .onSubscription().invoke(ignored -> subscriptions.merge(partnerKey, 1, Integer::sum))
                .onTermination().invoke(() -> subscriptions.computeIfPresent(partnerKey, (key, n) -> n > 1 ? n - 1 : null));
    }

    /** A partner's subscriptions registered on this instance (tests wait for theirs). */
    public int subscriptions(long partnerKey) {
        return subscriptions.getOrDefault(partnerKey, 0);
    }
}
