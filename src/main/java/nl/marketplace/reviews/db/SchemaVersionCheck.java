package nl.marketplace.reviews.db;

import java.time.Duration;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.pgclient.PgException;

/**
 * Readiness: the database's schema is at the version this release needs. Migrations run once per
 * release, by the Kubernetes Job of k8s/base/migrate-job.yaml (dev mode and the tests migrate at
 * start); a pod whose schema is behind stays out of its Service with the reason, and becomes ready
 * by itself once the Job has run. A newer schema (the next release's, during its rollout) is fine:
 * migrations only add what the release before them can ignore (README, "Migrations"). The first
 * time the schema is found current, {@link SchemaCurrent} is fired, and the check is UP only once
 * its observers (the committed persisted queries, the demo data) are done. Until then the scheduled
 * jobs that use the database skip their runs ({@link NotCurrent}): they would only fail on tables
 * and columns the schema does not have yet.
 */
@Readiness
@ApplicationScoped
public class SchemaVersionCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SchemaVersionCheck.class);
    static final String NAME = "Database schema";

    /**
     * The schema version this release needs: its highest migration (src/main/resources/db/migration).
     * SchemaVersionCheckTest fails when a migration is added without raising it.
     */
    static final String NEEDED = "20";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String UNDEFINED_TABLE = "42P01";

    private final Pool pool;
    private final Event<SchemaCurrent> schemaCurrent;
    /** Once current, always current: a schema does not go back. Until then every probe asks again. */
    private volatile String current;
    private String lastReason;

    public SchemaVersionCheck(Pool pool, Event<SchemaCurrent> schemaCurrent) {
        this.pool = pool;
        this.schemaCurrent = schemaCurrent;
    }

    /**
     * At start, on the main thread, before the other start-up observers (the scheduler's among them,
     * so that a job's first run is not skipped): where the schema is current (dev mode, the tests, a
     * migrated database) the start-up work runs before the first request.
     */
    void atStart(@Observes @Priority(1) StartupEvent event) {
        call();
    }

    /** Whether the schema has been found at this release's version. */
    public boolean current() {
        return current != null;
    }

    /** For {@code @Scheduled(skipExecutionIf = …)} of the jobs that use the database: skip while the schema is not current. */
    @ApplicationScoped
    public static class NotCurrent implements Scheduled.SkipPredicate {

        private final SchemaVersionCheck check;

        public NotCurrent(@Readiness SchemaVersionCheck check) {
            this.check = check;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !check.current();
        }
    }

    @Override
    public HealthCheckResponse call() {
        String version = current;
        if (version != null) {
            return HealthCheckResponse.named(NAME).up().withData("version", version).build();
        }
        return check();
    }

    /** One at a time: SchemaCurrent is fired once, by the first check that finds the schema current. */
    private synchronized HealthCheckResponse check() {
        if (current != null) {
            return HealthCheckResponse.named(NAME).up().withData("version", current).build();
        }
        String reason;
        String step = "cannot read the schema version: ";
        try {
            Applied applied = read();
            String at = applied.version() == null ? "empty" : "at version " + applied.version();
            if (applied.failed() != null) {
                reason = "the migration to version " + applied.failed() + " failed (flyway_schema_history): repair it, then run the migration Job again";
            } else if (applied.version() != null && compare(applied.version(), NEEDED) >= 0) {
                // A failure here (the database went away meanwhile) is retried by the next probe; the observers may run again.
                step = "the start-up work on the current schema failed: ";
                schemaCurrent.fire(new SchemaCurrent(applied.version()));
                current = applied.version();
                if (lastReason != null) {
                    LOG.infof("The database schema is now %s, as this release needs: ready", at);
                }
                return HealthCheckResponse.named(NAME).up().withData("version", current).build();
            } else {
                reason = "the database schema is " + at + ", this release needs version " + NEEDED
                        + ": run this release's migration Job "
                        + "(k8s/base/migrate-job.yaml; without Kubernetes: the jar with QUARKUS_INIT_AND_EXIT=true and QUARKUS_FLYWAY_MIGRATE_AT_START=true)";
            }
        } catch (RuntimeException e) {
            reason = step + e.getMessage();
        }
        if (!reason.equals(lastReason)) {
            LOG.warnf("Not ready: %s", reason);
            lastReason = reason;
        }
        return HealthCheckResponse.named(NAME).down().withData("reason", reason).build();
    }

    /** The highest version applied well, and the first that failed (null when none did). */
    private record Applied(String version, String failed) {
    }

    /**
     * Flyway's history read with one statement on the reactive pool, not through Flyway: Flyway is
     * inactive in the pods (quarkus.flyway.active follows migrate-at-start), so neither it nor a JDBC
     * connection is made at start (README, "Images, native, start-up"). A database without the
     * history table is empty.
     */
    private Applied read() {
        RowSet<Row> rows;
        try {
            rows = pool.query("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")
                    .execute().await().atMost(TIMEOUT);
        } catch (PgException e) {
            if (UNDEFINED_TABLE.equals(e.getSqlState())) {
                return new Applied(null, null);
            }
            throw e;
        }
        String version = null;
        String failed = null;
        for (Row row : rows) {
            String v = row.getString("version");
            if (!row.getBoolean("success")) {
                failed = failed == null ? v : failed;
            } else if (version == null || compare(v, version) > 0) {
                version = v;
            }
        }
        return new Applied(version, failed);
    }

    /** Flyway's version order: dot-separated numbers compared part by part ("10" after "9"). */
    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }
}
