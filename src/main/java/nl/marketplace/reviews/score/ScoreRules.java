package nl.marketplace.reviews.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * The arithmetic of DOMAIN.md "Scores", with nothing to load: the window, the fallback to all
 * reviews, the classes, percentages, rounding, the standard and top months. Plain, so that
 * {@code ScoreRulesUnitTest} specifies it in the fast test layer.
 */
public final class ScoreRules {

    static final int WINDOW_MONTHS = 3;
    static final int MINIMUM_WINDOW_REVIEWS = 5;

    private final Classifier classifier;
    private final BigDecimal standard;
    private final BigDecimal topPerformance;

    ScoreRules(Classifier classifier, BigDecimal standard, BigDecimal topPerformance) {
        this.classifier = classifier;
        this.standard = standard;
        this.topPerformance = topPerformance;
    }

    /** The first day of the window that ends with {@code day}: "the last 3 months" in whole days. */
    public static LocalDate windowStart(LocalDate day) {
        return day.minusMonths(WINDOW_MONTHS).plusDays(1);
    }

    /** The score on {@code day} from the tallies over the window and over all days up to it. */
    PartnerScore score(Partner partner, Tally window, Tally all, LocalDate day) {
        boolean fewer = window.count() < MINIMUM_WINDOW_REVIEWS;
        Tally t = fewer ? all : window;
        long n = t.count();
        long positive = t.countBetween(classifier.lowest(Classification.POSITIVE), 10);
        long neutral = t.countBetween(classifier.lowest(Classification.NEUTRAL), classifier.highest(Classification.NEUTRAL));
        BigDecimal overall = average(t.overallSum(), n);
        return new PartnerScore(GlobalId.encode(PartnerScore.TYPE, partner.key(), day.toEpochDay()), GlobalId.encode(Partner.TYPE, partner.key()), partner.key(),
                toDouble(overall), fewer ? ScoreMethod.ALL_REVIEWS : ScoreMethod.LAST_3_MONTHS, fewer,
                (int) n, (int) positive, (int) neutral, (int) (n - positive - neutral),
                percentage(positive, n), percentage(positive + neutral, n),
                overall == null ? null : overall.compareTo(standard) >= 0, standard.doubleValue(), topPerformance.doubleValue(),
                new SubScoreAverages(sub(t, 0), sub(t, 1), sub(t, 2), sub(t, 3)),
                BusinessTime.startOf(windowStart(day)), BusinessTime.startOf(day.plusDays(1)), day,
                partner.scoreVersion());
    }

    /** A month's figures; a month is a top performance when its rounded average reaches the threshold. */
    MonthlyScore month(LocalDate month, long overallSum, long reviewCount) {
        BigDecimal average = average(overallSum, reviewCount);
        return new MonthlyScore(month, toDouble(average), (int) reviewCount, average != null && average.compareTo(topPerformance) >= 0);
    }

    /** sum / count rounded half-up to one decimal (9.15 gives 9.2), exactly; null when count is 0. */
    static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }

    /** A whole percentage, rounded half-up; null of nothing. */
    public static Integer percentage(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValue();
    }

    private static SubScoreAverage sub(Tally t, int i) {
        return new SubScoreAverage(toDouble(average(t.subSum[i], t.subCount[i])), (int) t.subCount[i]);
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
