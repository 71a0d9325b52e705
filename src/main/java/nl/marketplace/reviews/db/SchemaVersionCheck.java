package nl.marketplace.reviews.db;

import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;

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

    private final Flyway flyway;
    private final Event<SchemaCurrent> schemaCurrent;
    /** Once current, always current: a schema does not go back. Until then every probe asks again. */
    private volatile String current;
    private String lastReason;

    public SchemaVersionCheck(Flyway flyway, Event<SchemaCurrent> schemaCurrent) {
        this.flyway = flyway;
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
            MigrationInfoService info = flyway.info();
            MigrationInfo applied = info.current();
            MigrationInfo[] pending = info.pending();
            MigrationInfo failed = Arrays.stream(info.applied()).filter(m -> m.getState() == MigrationState.FAILED).findFirst().orElse(null);
            String at = applied == null ? "empty" : "at version " + applied.getVersion();
            if (failed != null) {
                reason = "the migration to version " + failed.getVersion() + " failed (flyway_schema_history): repair it, then run the migration Job again";
            } else if (pending.length == 0) {
                String version = applied == null ? "none" : applied.getVersion().toString();
                // A failure here (the database went away meanwhile) is retried by the next probe; the observers may run again.
                step = "the start-up work on the current schema failed: ";
                schemaCurrent.fire(new SchemaCurrent(version));
                current = version;
                if (lastReason != null) {
                    LOG.infof("The database schema is now %s, as this release needs: ready", at);
                }
                return HealthCheckResponse.named(NAME).up().withData("version", version).build();
            } else {
                reason = "the database schema is " + at + ", this release needs version " + pending[pending.length - 1].getVersion()
                        + " (" + pending.length + " migration(s) to run): run this release's migration Job "
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
}
