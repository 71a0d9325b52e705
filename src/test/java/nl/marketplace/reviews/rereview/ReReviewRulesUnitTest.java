package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.review.Classes;
import nl.marketplace.reviews.review.Classifier;

/** DOMAIN.md "Re-review" at its boundaries: not positive, at most 3 months old, after a mail, once. */
class ReReviewRulesUnitTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2027-05-31T12:00:00+02:00");

    private static ReReviewRules rules(Classifier classes) {
        return new ReReviewRules(new ReReviewRules.Config() {
            @Override
            public int maxAgeMonths() {
                return 3;
            }

            @Override
            public Duration tokenValidity() {
                return Duration.ofDays(14);
            }

            @Override
            public String pageUrl() {
                return "https://shop.test/opnieuw";
            }
        }, classes);
    }

    private static ReReviewRules.Facts review(int overall, OffsetDateTime createdAt, boolean contacted) {
        return new ReReviewRules.Facts(overall, createdAt, contacted, null, null, null);
    }

    @Test
    void overallSevenMayOverallEightMayNot() {
        ReReviewRules rules = rules(Classes.defaults());
        assertNull(rules.ineligibility(review(7, NOW.minusDays(1), true), NOW));
        assertNull(rules.ineligibility(review(1, NOW.minusDays(1), true), NOW));
        assertEquals(ReReviewIneligibility.POSITIVE, rules.ineligibility(review(8, NOW.minusDays(1), true), NOW));
    }

    @Test
    void notPositiveIsTheClassesRule() {
        // With positive from 9, an 8 is neutral, so it may be asked again: one setting, one rule.
        ReReviewRules rules = rules(Classes.of(9, 6));
        assertNull(rules.ineligibility(review(8, NOW.minusDays(1), true), NOW));
        assertEquals(ReReviewIneligibility.POSITIVE, rules.ineligibility(review(9, NOW.minusDays(1), true), NOW));
    }

    @Test
    void exactlyThreeMonthsOldMayOneSecondMoreMayNot() {
        ReReviewRules rules = rules(Classes.defaults());
        OffsetDateTime threeMonths = NOW.minusMonths(3);
        assertNull(rules.ineligibility(review(4, threeMonths, true), NOW));
        assertEquals(ReReviewIneligibility.TOO_OLD, rules.ineligibility(review(4, threeMonths.minusSeconds(1), true), NOW));
    }

    @Test
    void theMailComesFirstButOnlyWhereItWouldHelp() {
        ReReviewRules rules = rules(Classes.defaults());
        assertEquals(ReReviewIneligibility.CONTACT_REQUIRED, rules.ineligibility(review(4, NOW.minusDays(1), false), NOW));
        assertEquals(ReReviewIneligibility.POSITIVE, rules.ineligibility(review(9, NOW.minusDays(1), false), NOW));
        assertEquals(ReReviewIneligibility.TOO_OLD, rules.ineligibility(review(4, NOW.minusMonths(4), false), NOW));
    }

    @Test
    void once() {
        ReReviewRules rules = rules(Classes.defaults());
        var requested = new ReReviewRules.Facts(4, NOW.minusDays(10), true, NOW.minusDays(5), NOW.plusDays(9), null);
        assertEquals(ReReviewIneligibility.ALREADY_REQUESTED, rules.ineligibility(requested, NOW));
    }
}
