package nl.marketplace.reviews.observability;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.db.Db;

/**
 * The outbox backlog as gauges: {@code mail.outbox.pending} (mails not sent yet) and
 * {@code mail.outbox.oldest.pending.seconds}. Refreshed every 15 s by one query, not on every scrape.
 * Created at start, so the gauges are exported (at 0) before the first refresh: the scheduler creates
 * the bean only when it first runs the job, which waits for the schema check, and an alert about a
 * series that is missing does not fire.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

    private final Db db;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();

    public OutboxMetrics(Db db, MeterRegistry registry) {
        this.db = db;
        Gauge.builder("mail.outbox.pending", pending, AtomicLong::get).description("Mails waiting in the outbox").register(registry);
        Gauge.builder("mail.outbox.oldest.pending.seconds", oldestSeconds, AtomicLong::get)
                .description("Age of the oldest mail waiting in the outbox").register(registry);
        Gauge.builder("mail.outbox.parked", parked, AtomicLong::get)
                .description("Mails given up after max-attempts failures, waiting for an operator").register(registry);
    }

    /**
     * Waiting and parked mails apart, each through its partial index (outbox_mail_pending,
     * outbox_mail_parked): the rows read are the backlog, never the sent mails of the retention period.
     */
    public static final String QUERY = """
            SELECT w.n, w.oldest,
                   (SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL AND failed_at IS NOT NULL) AS parked
            FROM (SELECT count(*) AS n, coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS oldest
                  FROM outbox_mail WHERE sent_at IS NULL AND failed_at IS NULL) w""";

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "outbox-metrics", every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refresh() {
        return db.queryAlone(QUERY, Tuple.tuple())
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    pending.set(row.getLong("n"));
                    parked.set(row.getLong("parked"));
                    oldestSeconds.set(Math.max(0, row.getLong("oldest")));
                })
                .replaceWithVoid();
    }
}
