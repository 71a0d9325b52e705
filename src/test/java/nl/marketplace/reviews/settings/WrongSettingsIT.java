package nl.marketplace.reviews.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.PackagedInstance;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The packaged service with a wrong setting does not start: it stops at once with one line that
 * names the setting, its value and what it must be, and no stack trace (issue 19: a lease shorter
 * than the send timeout was accepted, the pods were ready, and no mail ever went out).
 */
class WrongSettingsIT {

    private static final String DATABASE = "reviews_it_settings";

    /** A database of its own (Flyway migrates before the settings are checked), and these settings. */
    private static Map<String, String> databaseAnd(String... settings) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT
                + "/postgres", TestEnvironment.USER, ""); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> config = PackagedInstance.config(TestEnvironment.HOST, Integer.parseInt(TestEnvironment.PORT), DATABASE,
                TestEnvironment.freePort());
        config.remove("reviews.mail.send-timeout"); // the tests' 5 s; here the default (30 s) applies
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return config;
    }

    @Test
    void aLeaseShorterThanTheSendTimeoutStopsTheStart() {
        // As the operator of issue 19 set it: in the environment.
        Map<String, String> config = databaseAnd();
        PackagedInstance.Ended ended = PackagedInstance.runUntilItStops("wrong-lease", config, Map.of("REVIEWS_MAIL_LEASE", "10s"),
                Duration.ofSeconds(60));
        assertNotEquals(0, ended.exitCode(), ended.output());
        List<String> lines = ended.output().lines().filter(l -> l.contains("reviews.mail")).toList();
        assertEquals(List.of("reviews.mail.send-timeout=30s (the default): must be shorter than reviews.mail.lease (10s)"), lines,
                ended.output());
        assertFalse(ended.output().contains("\tat "), "no stack trace: " + ended.output());
        assertFalse(ended.output().contains("Listening on"), "it never served: " + ended.output());
    }

    /** A misspelt setting in the environment, and a value out of range; Kubernetes' service links are no settings. */
    @Test
    void anUnknownNameStopsTheStart() {
        PackagedInstance.Ended ended = PackagedInstance.runUntilItStops("unknown-setting",
                databaseAnd("reviews.classes.positive-from", "5"), Map.of("REVIEWS_MAIL_LEESE", "10s",
                        "REVIEWS_DB_RW_SERVICE_HOST", "10.0.0.1", "REVIEWS_DB_RW_PORT_5432_TCP_ADDR", "10.0.0.1"), Duration.ofSeconds(60));
        assertNotEquals(0, ended.exitCode(), ended.output());
        assertTrue(ended.output().contains("reviews.mail.leese=10s: is not a setting of this service"), ended.output());
        assertTrue(ended.output().contains("reviews.classes.positive-from=5: must be from 7 to 10"), ended.output());
        assertFalse(ended.output().contains("reviews.db.rw"), "service links are no settings: " + ended.output());
    }
}
