package nl.marketplace.reviews.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The homes of README "Design", checked on the sources: a rule that moves back out trips here. */
class ArchitectureUnitTest {

    private static final Path MAIN = Path.of("src", "main", "java", "nl", "marketplace", "reviews");

    private static List<Path> sources(Path under) throws IOException {
        try (Stream<Path> files = Files.walk(under)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offenders(Path under, Path except, Pattern pattern) throws IOException {
        return sources(under).stream().filter(f -> except == null || !f.startsWith(except)).filter(f -> {
            try {
                return pattern.matcher(Files.readString(f)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(f -> MAIN.relativize(f).toString().replace('\\', '/')).toList();
    }

    @Test
    void onlyTheReviewPackageMakesOrChangesAReview() throws IOException {
        // A new entity, an assignment to a review's counted fields on any variable, or SQL that writes the table.
        Pattern writes = Pattern.compile("new (ReviewEntity|RevisionEntity)\\(|\\.(overall|excluded|originalOverall|authorName|previousOverall)\\s*=(?!=)"
                + "|INSERT INTO review\\b|UPDATE review\\b");
        assertEquals(List.of(), offenders(MAIN, MAIN.resolve("review"), writes));
    }

    @Test
    void thePartnerPackageDoesNotDependOnTheReviewPackage() throws IOException {
        assertEquals(List.of(), offenders(MAIN.resolve("partner"), null, Pattern.compile("import nl\\.marketplace\\.reviews\\.review\\.")));
    }

    @Test
    void theAmsterdamZoneIsWrittenOnceInJava() throws IOException {
        assertEquals(List.of("time/BusinessTime.java"), offenders(MAIN, null, Pattern.compile("\"Europe/Amsterdam\"")));
    }
}
