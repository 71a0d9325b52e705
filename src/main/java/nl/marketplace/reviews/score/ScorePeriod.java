package nl.marketplace.reviews.score;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import nl.marketplace.reviews.time.BusinessTime;

/**
 * The reviews a figure beside the score is over, as moments: the score's own (its window, or all
 * reviews up to its day when it fell back), or calendar months ending with the month of its day.
 * Used by the reply and topic figures, so that they count the reviews the score counts.
 */
public record ScorePeriod(OffsetDateTime from, OffsetDateTime to, LocalDate day) {

    /** Before any review: the start of "all reviews" (the score's fallback). */
    private static final OffsetDateTime BEFORE_ANY_REVIEW = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    public static ScorePeriod of(PartnerScore score) {
        return new ScorePeriod(score.method() == ScoreMethod.ALL_REVIEWS ? BEFORE_ANY_REVIEW : score.windowStart(), score.windowEnd(),
                score.asOfDay());
    }

    /** The first day of the first of the {@code last} months that end with the month of {@code day}. */
    public static LocalDate firstMonth(LocalDate day, int last) {
        return BusinessTime.monthOf(day).minusMonths(last - 1L);
    }

    /** The starts of those months, then the end of {@code day}: month i is from bound i to bound i + 1. */
    public static List<OffsetDateTime> monthBounds(LocalDate day, int last) {
        LocalDate first = firstMonth(day, last);
        List<OffsetDateTime> bounds = new ArrayList<>(last + 1);
        for (int i = 0; i < last; i++) {
            bounds.add(BusinessTime.startOf(first.plusMonths(i)));
        }
        bounds.add(BusinessTime.startOf(day.plusDays(1)));
        return bounds;
    }
}
