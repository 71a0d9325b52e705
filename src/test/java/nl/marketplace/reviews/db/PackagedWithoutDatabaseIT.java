package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

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
    void withoutADatabaseItStopsAndNamesTheSetting() throws Exception {
        Path log = Files.createTempFile("reviews-no-database", ".log");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-Dquarkus.http.port=0", "-Dquarkus.log.console.json=false", "-jar", APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Nothing of the environment may configure one.
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_DATASOURCE") || k.startsWith("DB_"));
        builder.environment().put("MAIL_LINK_KEY", "9WfzqzLrs0PZ8GcTbdwjQ7rjdgOEgqoHsCeiZ4mQLmk=");
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the service should stop by itself: " + Files.readString(log));
            assertNotEquals(0, process.exitValue());
            String output = Files.readString(log);
            assertTrue(output.contains("quarkus.datasource.reactive.url") || output.contains("quarkus.datasource.jdbc.url"),
                    "the failure names the missing setting: " + output);
            assertFalse(output.contains("embedded PostgreSQL"), output);
        } finally {
            process.destroyForcibly();
        }
    }
}
