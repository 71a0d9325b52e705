package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The version a pod waits for is the release's highest migration: a migration added without raising
 * {@link SchemaVersionCheck#NEEDED} would let pods serve on a schema without it.
 */
class SchemaVersionCheckTest {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9.]+)__.*\\.sql");

    @Test
    void aPodNeedsTheHighestMigrationOfItsRelease() throws IOException {
        String highest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            highest = files.map(file -> VERSIONED.matcher(file.getFileName().toString())).filter(Matcher::matches)
                    .map(m -> m.group(1).replace('_', '.')).max(SchemaVersionCheck::compare).orElseThrow();
        }
        assertEquals(highest, SchemaVersionCheck.NEEDED, "raise SchemaVersionCheck.NEEDED to the new migration's version");
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertTrue(SchemaVersionCheck.compare("10", "9") > 0);
        assertTrue(SchemaVersionCheck.compare("18", "18") == 0);
        assertTrue(SchemaVersionCheck.compare("18.1", "18") > 0);
        assertTrue(SchemaVersionCheck.compare("2", "18") < 0);
        assertTrue(SchemaVersionCheck.compare("18", "18.0") == 0);
    }
}
