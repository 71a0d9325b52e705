package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.PackagedInstance;

/**
 * The packaged application is what runs in production: it carries no embedded PostgreSQL, and
 * without a database configured it stops at start-up and says what is missing, instead of running
 * on an empty database of its own (a pod with a forgotten secret).
 */
class PackagedWithoutDatabaseIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void theJarHasNoEmbeddedPostgres() throws Exception {
        try (var libs = Files.walk(APP.resolve("lib"))) {
            List<String> zonky = libs.map(Path::getFileName).map(Path::toString).filter(n -> n.contains("zonky")).toList();
            assertTrue(zonky.isEmpty(), "embedded PostgreSQL in the packaged application: " + zonky);
        }
        try (ZipFile app = new ZipFile(APP.resolve("app").resolve("partner-reviews-1.0.0-SNAPSHOT.jar").toFile())) {
            assertFalse(app.stream().anyMatch(e -> e.getName().contains("postgres-linux")), "no PostgreSQL binaries in the application jar");
        }
    }

    @Test
    void withoutADatabaseItStopsAndNamesTheSetting() {
        PackagedInstance.Ended ended = PackagedInstance.runUntilItStops("no-database",
                Map.of("quarkus.log.console.json", "false"), Map.of("MAIL_LINK_KEY", "9WfzqzLrs0PZ8GcTbdwjQ7rjdgOEgqoHsCeiZ4mQLmk="),
                Duration.ofSeconds(60));
        assertNotEquals(0, ended.exitCode());
        assertTrue(ended.output().contains("quarkus.datasource.reactive.url") || ended.output().contains("quarkus.datasource.jdbc.url"),
                "the failure names the missing setting: " + ended.output());
        assertFalse(ended.output().contains("embedded PostgreSQL"), ended.output());
    }
}
