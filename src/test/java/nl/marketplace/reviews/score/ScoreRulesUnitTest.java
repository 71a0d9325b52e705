package nl.marketplace.reviews.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.review.Classes;

/** DOMAIN.md "Scores": the arithmetic, without a database (PartnerScoreTest checks it end to end). */
class ScoreRulesUnitTest {

    private static final Partner PARTNER = new Partner(7, "Kastenkoning", 1);
    private static final ScoreRules RULES = new ScoreRules(Classes.defaults(), new BigDecimal("8.0"), new BigDecimal("8.8"));

    /** A tally with this many reviews of each overall score (index 1..10). */
    private static Tally tally(int... overalls) {
        Tally t = new Tally();
        for (int overall : overalls) {
            t.byOverall[overall]++;
        }
        return t;
    }

    @Test
    void averagesAndPercentagesRoundHalfUpExactly() {
        assertEquals(new BigDecimal("9.2"), ScoreRules.average(183, 20)); // 9.15
        assertEquals(new BigDecimal("9.1"), ScoreRules.average(1819, 200)); // 9.095, which a double would put at 9.09…
        assertEquals(new BigDecimal("8.1"), ScoreRules.average(81, 10));
        assertEquals(new BigDecimal("6.7"), ScoreRules.average(20, 3));
        assertNull(ScoreRules.average(0, 0));
        assertEquals(63, ScoreRules.percentage(5, 8)); // 62.5
        assertEquals(62, ScoreRules.percentage(62, 100));
        assertEquals(100, ScoreRules.percentage(3, 3));
        assertNull(ScoreRules.percentage(0, 0));
    }

    @Test
    void theWindowIsThreeCalendarMonthsOfAmsterdamDays() {
        assertEquals(LocalDate.of(2027, 3, 1), ScoreRules.windowStart(LocalDate.of(2027, 5, 31)));
        assertEquals(LocalDate.of(2027, 1, 1), ScoreRules.windowStart(LocalDate.of(2027, 3, 31)));
        assertEquals(LocalDate.of(2027, 11, 30), ScoreRules.windowStart(LocalDate.of(2028, 2, 29)));
        PartnerScore s = RULES.score(PARTNER, tally(9, 9, 9, 9, 9), tally(9, 9, 9, 9, 9), LocalDate.of(2027, 3, 28));
        // The window ends at midnight after the day, at the day's own offset (the day DST starts).
        assertEquals(OffsetDateTime.parse("2026-12-29T00:00+01:00"), s.windowStart());
        assertEquals(OffsetDateTime.parse("2027-03-29T00:00+02:00"), s.windowEnd());
    }

    @Test
    void fiveInTheWindowCountTheWindowFourFallBackToAllReviews() {
        Tally all = tally(2, 2, 2, 2, 2, 10, 10, 10, 10);
        PartnerScore five = RULES.score(PARTNER, tally(10, 10, 10, 10, 6), all, LocalDate.of(2027, 6, 1));
        assertEquals(ScoreMethod.LAST_3_MONTHS, five.method());
        assertFalse(five.fewerThanFiveReviews());
        assertEquals(9.2, five.overall());
        assertEquals(5, five.reviewCount());

        PartnerScore four = RULES.score(PARTNER, tally(10, 10, 10, 10), all, LocalDate.of(2027, 6, 1));
        assertEquals(ScoreMethod.ALL_REVIEWS, four.method());
        assertTrue(four.fewerThanFiveReviews());
        assertEquals(5.6, four.overall()); // (5 × 2 + 4 × 10) / 9 = 5.56
        assertEquals(9, four.reviewCount(), "every figure over the same set as the headline");
        assertEquals(44, four.positivePercentage());
        assertEquals(0, four.neutralCount());
        assertEquals(5, four.negativeCount());
        assertFalse(four.meetsStandard());
    }

    @Test
    void classesPercentagesAndTheStandard() {
        PartnerScore s = RULES.score(PARTNER, tally(8, 8, 7, 6, 5, 1, 10, 9), tally(), LocalDate.of(2027, 6, 1));
        assertEquals(4, s.positiveCount());
        assertEquals(2, s.neutralCount());
        assertEquals(2, s.negativeCount());
        assertEquals(50, s.positivePercentage());
        assertEquals(75, s.approvalPercentage(), "positive and neutral");
        assertEquals(6.8, s.overall());
        assertFalse(s.meetsStandard());
        assertTrue(RULES.score(PARTNER, tally(8, 8, 8, 8, 8), tally(), LocalDate.of(2027, 6, 1)).meetsStandard(), "8.0 meets it");
        // 167 / 21 = 7.95…: the partner sees 8.0, so it meets the standard; 7.94 would not.
        assertTrue(RULES.score(PARTNER, tally(8, 8, 8, 8, 7, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8),
                tally(), LocalDate.of(2027, 6, 1)).meetsStandard());
        assertFalse(RULES.score(PARTNER, tally(8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 8, 6), tally(), LocalDate.of(2027, 6, 1))
                .meetsStandard(), "134 / 17 = 7.88");
    }

    @Test
    void otherClassesChangeThePercentages() {
        ScoreRules strict = new ScoreRules(Classes.of(9, 7), new BigDecimal("8.0"), new BigDecimal("8.8"));
        PartnerScore s = strict.score(PARTNER, tally(8, 8, 9, 6, 10), tally(), LocalDate.of(2027, 6, 1));
        assertEquals(2, s.positiveCount());
        assertEquals(2, s.neutralCount());
        assertEquals(1, s.negativeCount());
    }

    @Test
    void aTopMonthReachesEightPointEightRounded() {
        assertTrue(RULES.month(LocalDate.of(2027, 5, 1), 88, 10).topPerformance());
        assertTrue(RULES.month(LocalDate.of(2027, 5, 1), 175, 20).topPerformance(), "8.75 rounds to 8.8");
        assertFalse(RULES.month(LocalDate.of(2027, 5, 1), 174, 20).topPerformance(), "8.7");
        assertFalse(RULES.month(LocalDate.of(2027, 5, 1), 0, 0).topPerformance());
        assertNull(RULES.month(LocalDate.of(2027, 5, 1), 0, 0).average());
    }
}
