package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.time.Period;

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
            public Period tokenValidity() {
                return Period.ofDays(14);
            }

            @Override
            public String pageUrl() {
                return "https://shop.test/opnieuw";
            }
        }, classes);
    }

    private static ReReviewRules.Facts review(int overall, OffsetDateTime createdAt, boolean contacted) {
        return new ReReviewRules.Facts(1, overall, createdAt, contacted, null, null, null);
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

    /** In Amsterdam days: given on 28 February (three months before 31 May, the month being shorter), through midnight. */
    @Test
    void threeMonthsOldToTheDayMayTheDayBeforeMayNot() {
        ReReviewRules rules = rules(Classes.defaults());
        OffsetDateTime firstMomentOfThatDay = OffsetDateTime.parse("2027-02-28T00:00:00+01:00");
        assertNull(rules.ineligibility(review(4, firstMomentOfThatDay, true), NOW));
        assertNull(rules.ineligibility(review(4, OffsetDateTime.parse("2027-02-28T23:59:59+01:00"), true), NOW));
        assertEquals(ReReviewIneligibility.TOO_OLD, rules.ineligibility(review(4, firstMomentOfThatDay.minusSeconds(1), true), NOW));
    }

    /** Issue 19's case: 30 November 00:30 in Amsterdam is more than 3 months before 1 March 00:30, though on UTC it is not. */
    @Test
    void theMonthsAreAmsterdamsNotUtcs() {
        ReReviewRules rules = rules(Classes.defaults());
        OffsetDateTime now = OffsetDateTime.parse("2027-03-01T00:30:00+01:00");
        assertEquals(ReReviewIneligibility.TOO_OLD, rules.ineligibility(review(4, OffsetDateTime.parse("2026-11-30T00:30:00+01:00"), true), now));
        assertNull(rules.ineligibility(review(4, OffsetDateTime.parse("2026-12-01T00:00:00+01:00"), true), now));
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
        var requested = new ReReviewRules.Facts(1, 4, NOW.minusDays(10), true, NOW.minusDays(5), NOW.plusDays(9), null);
        assertEquals(ReReviewIneligibility.ALREADY_REQUESTED, rules.ineligibility(requested, NOW));
    }
}
