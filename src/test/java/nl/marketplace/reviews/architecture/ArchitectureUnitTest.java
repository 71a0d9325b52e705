package nl.marketplace.reviews.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

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

    /** The HTTP edge is the outermost layer: it calls graphql/, trusteddocument/ and db/, and nothing calls it. */
    @Test
    void nothingDependsOnTheHttpEdge() throws IOException {
        assertEquals(List.of(), offenders(MAIN, MAIN.resolve("http"), Pattern.compile("nl\\.marketplace\\.reviews\\.http\\.")));
    }

    /**
     * Calendar arithmetic on a moment (months, weeks, days or years added to an offset or zoned
     * moment, truncation, the date part of an offset) gives UTC's or the offset's calendar, not
     * Amsterdam's (issue 19: re-review age on UTC). Outside time/ a moment becomes a day through
     * BusinessTime, and rules count on days (LocalDate). Checked on the compiled classes.
     */
    @Test
    void calendarArithmeticOnMomentsStaysInBusinessTime() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of("target", "classes"));
        Set<String> calendarMethods = Set.of("plusMonths", "minusMonths", "plusWeeks", "minusWeeks", "plusDays", "minusDays",
                "plusYears", "minusYears", "truncatedTo", "withDayOfMonth", "withDayOfYear", "withMonth", "withYear", "toLocalDate",
                "atZone", "atZoneSameInstant", "atZoneSimilarLocal", "withZoneSameInstant", "withZoneSameLocal");
        Set<Class<?>> moments = Set.of(java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.time.Instant.class,
                java.time.LocalDateTime.class);
        ArchRule rule = noClasses().that().resideOutsideOfPackage("nl.marketplace.reviews.time..")
                .should().callMethodWhere(DescribedPredicate.describe("calendar arithmetic on a moment " + calendarMethods,
                        call -> calendarMethods.contains(call.getName())
                                && moments.stream().anyMatch(m -> call.getTargetOwner().isEquivalentTo(m))));
        rule.check(classes);
    }

    @Test
    void theAmsterdamZoneIsWrittenOnceInJava() throws IOException {
        assertEquals(List.of("time/BusinessTime.java"), offenders(MAIN, null, Pattern.compile("\"Europe/Amsterdam\"")));
    }
}
