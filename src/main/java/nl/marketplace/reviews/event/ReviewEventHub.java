package nl.marketplace.reviews.event;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnection;
import nl.marketplace.reviews.db.ListenConnections;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * Listens on the review_events channel and hands every notification to the subscriptions of its
 * partner on this instance. Every instance listens, so a change made through any instance reaches
 * subscribers on all of them.
 *
 * <p>The LISTEN connection comes from {@link ListenConnections} (the primary, directly, when
 * {@code reviews.db.direct-url} is set; else one of the pool's). It is retried from start-up on,
 * with back-off, whenever it cannot be had or is lost; a ping every few seconds notices a connection
 * that died without a word. Notifications sent while it was away are lost, so after every
 * (re)connect each subscription is told to catch up from the events table ({@link Signal#RESYNC}).
 * Whether it listens is reported in the health group "dependencies" and as the gauge
 * {@code reviews.events.listening}, never in readiness: public reads do not need it.
 */
@ApplicationScoped
public class ReviewEventHub {

    private static final Logger LOG = Logger.getLogger(ReviewEventHub.class);

    @ConfigMapping(prefix = "reviews.events")
    public interface Config extends CheckedSettings {
        /** Events a subscription may have waiting; past that it is ended with SUBSCRIPTION_OVERFLOW. */
        @WithDefault("256")
        int subscriberBuffer();

        /** How many missed events a subscription catches up at the most; more: CURSOR_EXPIRED. */
        @WithDefault("1000")
        int replayLimit();

        /** How long events are kept for catching up. */
        @WithDefault("P1D")
        Duration retention();

        /** How often the LISTEN connection is checked. */
        @WithDefault("5s")
        Duration listenPing();

        /** The longest wait between two attempts to get the LISTEN connection back. */
        @WithDefault("10s")
        Duration listenMaxBackoff();

        @Override
        default void check(Checks checks) {
            checks.between("reviews.events.subscriber-buffer", subscriberBuffer(), 1, 100_000);
            checks.between("reviews.events.replay-limit", replayLimit(), 1, 100_000);
            // Events are how a subscriber catches up after a blip or a restart: at least a few minutes.
            checks.require(retention().compareTo(Duration.ofMinutes(5)) >= 0, "reviews.events.retention", retention(), "at least 5 minutes");
            checks.positive("reviews.events.listen-ping", listenPing());
            checks.positive("reviews.events.listen-max-backoff", listenMaxBackoff());
        }
    }

    /** One notification: what happened, to which partner's which review, and the partner's event number. */
    public record Notification(ReviewEventType type, long partnerKey, long reviewKey, long seq) {

        static Notification parse(String payload) {
            String[] parts = payload.split(":");
            return new Notification(ReviewEventType.valueOf(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]));
        }
    }

    /** What a subscription hears: a notification, or "you may have missed some: catch up". */
    public interface Signal {
        Signal RESYNC = new Signal() {
            @Override
            public String toString() {
                return "RESYNC";
            }
        };
    }

    /** A notification for a subscription. */
    public record Live(Notification notification) implements Signal {
    }

    /** A subscription's place in the hub; closing it takes it out. */
    public final class Registration implements AutoCloseable {
        private final long partnerKey;
        private final MultiEmitter<? super Signal> emitter;

        private Registration(long partnerKey, MultiEmitter<? super Signal> emitter) {
            this.partnerKey = partnerKey;
            this.emitter = emitter;
        }

        @Override
        public void close() {
            subscriptions.computeIfPresent(partnerKey, (key, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }

    private final Map<Long, Set<Registration>> subscriptions = new ConcurrentHashMap<>();
    private final ListenConnections connections;
    private final Vertx vertx;
    private final Config config;
    private final AtomicReference<SqlConnection> connection = new AtomicReference<>();
    private volatile boolean listening;
    private volatile boolean stopped;
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private long pingTimer = -1;

    public ReviewEventHub(ListenConnections connections, Vertx vertx, Config config, MeterRegistry registry) {
        this.connections = connections;
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("reviews.events.listening", this, hub -> hub.listening ? 1 : 0)
                .description("1 while this instance listens for review events (LISTEN), else 0").register(registry);
    }

    void start(@Observes StartupEvent event) {
        connect();
        pingTimer = vertx.setPeriodic(config.listenPing().toMillis(), id -> ping());
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        if (pingTimer >= 0) {
            vertx.cancelTimer(pingTimer);
        }
        SqlConnection current = connection.getAndSet(null);
        if (current != null) {
            current.closeAndForget();
        }
    }

    /** Whether this instance hears events now (health group "dependencies"). */
    public boolean listening() {
        return listening;
    }

    /** From now on, this partner's notifications and every RESYNC go to the emitter. */
    public Registration register(long partnerKey, MultiEmitter<? super Signal> emitter) {
        Registration registration = new Registration(partnerKey, emitter);
        // In one step with the map: a set emptied by the partner's last close at this moment must not
        // take the new registration away with it.
        subscriptions.compute(partnerKey, (key, set) -> {
            Set<Registration> registrations = set == null ? new CopyOnWriteArraySet<>() : set;
            registrations.add(registration);
            return registrations;
        });
        return registration;
    }

    /** A partner's subscriptions registered on this instance (tests wait for theirs). */
    public int subscriptions(long partnerKey) {
        Set<Registration> set = subscriptions.get(partnerKey);
        return set == null ? 0 : set.size();
    }

    private void connect() {
        if (stopped) {
            return;
        }
        connections.connect()
                .chain(conn -> {
                    PgConnection pg = PgConnection.cast(conn.getDelegate());
                    pg.notificationHandler(n -> {
                        if (ReviewEvents.CHANNEL.equals(n.getChannel())) {
                            receive(n.getPayload());
                        }
                    });
                    pg.closeHandler(ignored -> lost(conn, "the connection closed"));
                    return conn.query("LISTEN " + ReviewEvents.CHANNEL).execute().replaceWith(conn)
                            .onFailure().call(() -> conn.close());
                })
                .subscribe().with(conn -> {
                    connection.set(conn);
                    listening = true;
                    int failed = failedAttempts.getAndSet(0);
                    if (failed > 0) {
                        LOG.infof("Listening for review events again after %d failed attempts", failed);
                    }
                    // Whatever was notified while nobody listened: every subscription catches up.
                    subscriptions.values().forEach(set -> set.forEach(r -> r.emitter.emit(Signal.RESYNC)));
                }, failure -> retry(failure.getMessage()));
    }

    private void lost(SqlConnection conn, String why) {
        if (!connection.compareAndSet(conn, null)) {
            return; // already noticed (by the close handler or the ping), or an older connection
        }
        listening = false;
        if (!stopped) {
            retry(why);
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        int attempt = failedAttempts.incrementAndGet();
        long delay = Math.min(config.listenMaxBackoff().toMillis(), 250L << Math.min(attempt - 1, 10));
        // The first failure is an ERROR: subscribers hear nothing until it is back.
        if (attempt == 1) {
            LOG.errorf("Not listening for review events on %s (%s); retrying", connections.target(), why);
        } else {
            LOG.debugf("Still not listening for review events (attempt %s: %s); next in %s ms", Integer.valueOf(attempt), why, Long.valueOf(delay));
        }
        vertx.setTimer(delay, id -> connect());
    }

    /** A connection can die without closing (a database that vanished): a failed ping replaces it. */
    private void ping() {
        SqlConnection current = connection.get();
        if (current == null) {
            return;
        }
        current.query("SELECT 1").execute()
                .ifNoItem().after(config.listenPing()).fail()
                .subscribe().with(ignored -> { }, failure -> {
                    lost(current, "ping failed: " + failure.getMessage());
                    // A pool connection goes back to the pool: if it still answers, not as a listener.
                    current.query("UNLISTEN *").execute().ifNoItem().after(config.listenPing()).fail()
                            .onTermination().call(current::close).subscribe().with(ignored -> { }, ignored -> { });
                });
    }

    private void receive(String payload) {
        Notification notification;
        try {
            notification = Notification.parse(payload);
        } catch (RuntimeException e) {
            LOG.warnf("Ignored a malformed review event: %s", payload);
            return;
        }
        Set<Registration> set = subscriptions.get(notification.partnerKey());
        if (set != null) {
            Live live = new Live(notification);
            set.forEach(r -> r.emitter.emit(live));
        }
    }
}
