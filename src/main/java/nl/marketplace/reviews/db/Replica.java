package nl.marketplace.reviews.db;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.PoolOptions;
import nl.marketplace.reviews.graphql.ServiceUnavailable;

/**
 * The replica that anonymous, public reads may use, and how fresh it is.
 *
 * <p>Freshness is measured, not assumed: every {@code check-interval} the primary's WAL position is
 * read and then whether the replica has replayed up to it; when it has, everything committed on the
 * primary before that reading is on the replica. The staleness is the time since the last such
 * reading. While it is within {@code max-lag} (and the replica answers) public reads go to the
 * replica; otherwise to the primary, with a log line and the gauges {@code reviews_db_replica_usable}
 * and {@code reviews_db_replica_staleness_seconds}. This bound holds whether the replica is slow,
 * paused, cut off from the primary or the primary is idle (then the replica is simply caught up).
 * A read that fails on the replica for want of a connection is done again on the primary and the
 * replica is not used until the next check finds it back: a replica going away never fails a public
 * read, it costs the primary.
 *
 * <p>Its connections take the datasource's pooler settings (cache-prepared-statements,
 * postgresql.use-layer7-proxy): the replicas sit behind a pooler of their own in production.
 *
 * <p>Which requests may use it is decided at the HTTP edge ({@link #allowForThisRequest()}: an
 * anonymous query); signed-in reads, mutations and their payloads, subscriptions and jobs never do,
 * so a partner sees its own change in the very next request.
 */
@ApplicationScoped
public class Replica {

    private static final Logger LOG = Logger.getLogger(Replica.class);
    /** Set on a request's Vert.x context when its reads may use the replica. */
    private static final String ALLOWED = Replica.class.getName() + ".allowed";

    private final DatabaseSettings.Replica config;
    private final Pool primary;
    private final Vertx vertx;
    private final Optional<Pool> pool;
    private final AtomicLong caughtUpAt = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean reachable;
    private volatile boolean usable;
    private long timer = -1;
    private final Counter replicaReads;
    private final Counter primaryReads;

    public Replica(DatabaseSettings settings, Pool primary, Vertx vertx, MeterRegistry registry, PoolConnectOptions options) {
        this.config = settings.replica();
        this.primary = primary;
        this.vertx = vertx;
        this.pool = config.url().filter(url -> !url.isBlank()).map(url -> PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.maxSize()).setName("replica"))
                .connectingTo(options.of(url))
                .using(vertx.getDelegate()).build())
                .map(io.vertx.mutiny.sqlclient.Pool::newInstance);
        this.replicaReads = Counter.builder("reviews.db.public.reads").tag("source", "replica")
                .description("Statements of anonymous, public reads, by where they ran").register(registry);
        this.primaryReads = Counter.builder("reviews.db.public.reads").tag("source", "primary")
                .description("Statements of anonymous, public reads, by where they ran").register(registry);
        Gauge.builder("reviews.db.replica.usable", this, r -> r.usable ? 1 : 0)
                .description("1 while public reads go to the replica, else 0 (none configured, too far behind, or unreachable)")
                .register(registry);
        Gauge.builder("reviews.db.replica.staleness.seconds", this, Replica::stalenessSeconds)
                .description("How far behind the primary the replica may be: the time since it was last seen caught up; -1 without a replica")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (pool.isPresent()) {
            timer = vertx.setPeriodic(config.checkInterval().toMillis(), ignored -> check());
            check();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        pool.ifPresent(p -> p.closeAndForget());
    }

    /** Reads of the current request may use the replica (the HTTP edge calls this for an anonymous query). */
    public static void allowForThisRequest() {
        Context context = requestContext();
        if (context != null) {
            context.putLocal(ALLOWED, Boolean.TRUE);
        }
    }

    /** Reads of the current request stay on the primary after all (the replica is behind the client's copy). */
    public static void denyForThisRequest() {
        Context context = requestContext();
        if (context != null) {
            context.removeLocal(ALLOWED);
        }
    }

    /** The pool a read of the current request goes to now: the replica when allowed and fresh enough, else null (the primary). */
    Pool forRead(String sql) {
        Context context = requestContext();
        boolean allowed = context != null && Boolean.TRUE.equals(context.getLocal(ALLOWED)) && readOnly(sql);
        if (!allowed) {
            return null;
        }
        if (usable) {
            replicaReads.increment();
            return pool.get();
        }
        primaryReads.increment();
        return null;
    }

    /**
     * Whether a read that failed on the replica is done again on the primary: the replica (or its
     * pooler) did not answer, or cancelled the read for a conflict with recovery (SQLSTATE 40001, a
     * standby replaying a change that the read's snapshot still needed).
     */
    static boolean retryOnPrimary(Throwable failure) {
        return unreachable(failure) || (failure instanceof PgException pg && "40001".equals(pg.getSqlState()));
    }

    private static boolean unreachable(Throwable failure) {
        return failure instanceof TimedOut || ServiceUnavailable.isCause(failure);
    }

    /** A read the replica did not answer within {@code reviews.db.replica.timeout}. */
    static final class TimedOut extends RuntimeException {
        TimedOut() {
            super("no answer within reviews.db.replica.timeout", null, false, false);
        }
    }

    Duration timeout() {
        return config.timeout();
    }

    /** The current request's context; null elsewhere (jobs, LISTEN handlers: Vert.x' root contexts keep no locals). */
    static Context requestContext() {
        Context context = io.vertx.core.Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context : null;
    }

    /** A read on the replica failed: the primary takes it; without an answer, the replica waits for the next check. */
    void failed(Throwable failure) {
        primaryReads.increment();
        if (unreachable(failure) && usable) {
            usable = false;
            reachable = false;
            LOG.warnf("Public reads go to the primary: the replica is unreachable (%s)", failure.getMessage());
        }
    }

    /** Only statements that read (SELECT, or WITH … SELECT without a change) may run on a standby. */
    static boolean readOnly(String sql) {
        String start = sql.stripLeading();
        if (start.regionMatches(true, 0, "SELECT", 0, 6)) {
            return true;
        }
        if (!start.regionMatches(true, 0, "WITH", 0, 4)) {
            return false;
        }
        String upper = start.toUpperCase(java.util.Locale.ROOT);
        return !upper.contains("UPDATE ") && !upper.contains("INSERT ") && !upper.contains("DELETE ");
    }

    /** The measurement: the primary's WAL position, then whether the replica has replayed it. */
    private void check() {
        long readAt = System.nanoTime();
        primary.preparedQuery("SELECT pg_current_wal_lsn()::text").execute()
                .map(rows -> rows.iterator().next().getString(0))
                .chain(lsn -> pool.get().preparedQuery(
                        "SELECT pg_wal_lsn_diff(coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn()), $1::pg_lsn) >= 0")
                        .execute(Tuple.of(lsn)).map(rows -> rows.iterator().next().getBoolean(0)))
                .ifNoItem().after(config.timeout()).failWith(TimedOut::new)
                .subscribe().with(caughtUp -> {
                    reachable = true;
                    if (caughtUp) {
                        caughtUpAt.set(readAt);
                    }
                    decide(null);
                }, failure -> {
                    reachable = false;
                    decide(failure);
                });
    }

    private void decide(Throwable failure) {
        boolean fresh = reachable && System.nanoTime() - caughtUpAt.get() <= config.maxLag().toNanos()
                && caughtUpAt.get() != Long.MIN_VALUE;
        if (fresh == usable) {
            return;
        }
        usable = fresh;
        if (fresh) {
            LOG.info("Public reads are back on the replica");
        } else if (!reachable) {
            LOG.warnf("Public reads go to the primary: the replica does not answer (%s)", failure == null ? "no answer" : failure.getMessage());
        } else {
            LOG.warnf("Public reads go to the primary: the replica is more than %s behind (reviews.db.replica.max-lag)",
                    config.maxLag().toMillis() % 1000 == 0 ? config.maxLag().toSeconds() + "s" : config.maxLag().toMillis() + "ms");
        }
    }

    private double stalenessSeconds() {
        if (pool.isEmpty()) {
            return -1;
        }
        long at = caughtUpAt.get();
        return at == Long.MIN_VALUE ? Double.POSITIVE_INFINITY : (System.nanoTime() - at) / 1e9;
    }

    /** Whether public reads go to the replica now (tests and the dependencies' health). */
    public boolean usable() {
        return usable;
    }

    public boolean configured() {
        return pool.isPresent();
    }

    /** Tests: the configured check interval, to wait for a measurement. */
    Duration checkInterval() {
        return config.checkInterval();
    }
}
