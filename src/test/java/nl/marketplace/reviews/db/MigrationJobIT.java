package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.PackagedInstance;

/**
 * Migrations once per release (README, "Migrations"), with the packaged jar as production runs it:
 * a pod on a schema that is behind starts but is not ready and says why; the migration Job's
 * command (the same jar with QUARKUS_INIT_AND_EXIT and QUARKUS_FLYWAY_MIGRATE_AT_START, as
 * k8s/base/migrate-job.yaml sets them) migrates and exits 0, also when two run at once (a retried
 * Job); the pod then becomes ready by itself, without a restart.
 */
class MigrationJobIT {

    private static final String DATABASE = "migration_job_it";
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @BeforeEach
    @AfterEach
    void noDatabase() throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    @Test
    void aPodWaitsForTheMigrationJobAndThenServes() throws Exception {
        execute("postgres", "CREATE DATABASE " + DATABASE);
        Flyway flyway = Flyway.configure().dataSource(SERVER + DATABASE, "postgres", null).locations("classpath:db/migration").load();
        String latest = flyway.info().pending()[flyway.info().pending().length - 1].getVersion().toString();
        Map<String, String> config = PackagedInstance.config("127.0.0.1", 5432, DATABASE, 25);
        config.put("quarkus.mailer.mock", "true");
        config.remove("quarkus.flyway.migrate-at-start"); // as production: the jar's own setting (false)
        try (PackagedInstance pod = PackagedInstance.startWithoutReadiness("schema-behind", config)) {
            // An empty database (no Flyway history at all) is a schema behind too, not a failure to read one.
            String empty = pod.readiness();
            assertFalse(pod.ready(), empty);
            assertTrue(empty.contains("the database schema is empty, this release needs version " + latest), empty);

            // The schema of an earlier release.
            Flyway.configure().configuration(flyway.getConfiguration()).target("10").load().migrate();
            String readiness = pod.readiness();
            assertFalse(pod.ready(), readiness);
            assertTrue(readiness.contains("the database schema is at version 10, this release needs version " + latest), readiness);
            assertEquals("10", version(), "the pod did not migrate");

            // The Job, twice at once: both end well, each migration ran once.
            Map<String, String> job = Map.of("QUARKUS_INIT_AND_EXIT", "true", "QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
            List<CompletableFuture<PackagedInstance.Ended>> runs = List.of("migrate-1", "migrate-2").stream()
                    .map(name -> CompletableFuture.supplyAsync(() -> PackagedInstance.runUntilItStops(name, config, job, Duration.ofSeconds(120))))
                    .toList();
            for (var run : runs) {
                PackagedInstance.Ended ended = run.join();
                assertEquals(0, ended.exitCode(), ended.output());
                assertFalse(ended.output().contains("Listening on"), "the Job's run serves nothing: " + ended.output());
            }
            assertEquals(latest, version());
            assertEquals(0, count("SELECT count(*) - count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL"));
            assertEquals(0, count("SELECT count(*) FROM flyway_schema_history WHERE NOT success"));

            pod.awaitReady(Duration.ofSeconds(30));
            assertTrue(pod.readiness().contains("\"version\": \"" + latest + "\"") || pod.readiness().contains("\"version\":\"" + latest + "\""),
                    pod.readiness());
            assertTrue(pod.log().contains("Not ready: the database schema is at version 10"), "the log says why: " + pod.tail());
            // Meanwhile its jobs skipped their runs instead of failing on tables the schema did not have yet.
            assertFalse(pod.log().contains("does not exist"), pod.log());
        }
    }

    private static String version() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + DATABASE, "postgres", null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + database, "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
