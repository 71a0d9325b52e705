package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Several pods start at once and each migrates at start (quarkus.flyway.migrate-at-start): Flyway
 * takes a PostgreSQL advisory lock around the migration, so they take turns. Four migrations of
 * a fresh database at the same moment: every one succeeds, every version is applied once.
 */
class MigrationRaceTest {

    private static final String DB = "reviews_migration_race";

    @Test
    void concurrentMigrationsApplyEachVersionOnce() throws Exception {
        String admin = "jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, TestEnvironment.USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DB);
        }
        String url = "jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + DB;
        ExecutorService pods = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> Flyway.configure().dataSource(url, TestEnvironment.USER, "")
                        .locations("classpath:db/migration").load().migrate().migrationsExecuted);
            }
            int applied = 0;
            for (Future<Integer> start : pods.invokeAll(starts)) {
                applied += start.get();
            }
            try (Connection c = DriverManager.getConnection(url, TestEnvironment.USER, ""); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT version), bool_and(success) "
                            + "FROM flyway_schema_history WHERE version IS NOT NULL")) {
                rs.next();
                int versions = rs.getInt(2);
                assertEquals(rs.getInt(1), versions, "each version once");
                assertEquals(true, rs.getBoolean(3));
                assertEquals(versions, applied, "the migrations ran once in all");
            }
        } finally {
            pods.shutdownNow();
            try (Connection c = DriverManager.getConnection(admin, TestEnvironment.USER, ""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            }
        }
    }
}
