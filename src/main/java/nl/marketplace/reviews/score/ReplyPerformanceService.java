package nl.marketplace.reviews.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * Reply rate and speed (tip 1 of "Tips voor goede klantbeoordelingen"): over the reviews of the
 * score's window, with the score's fallback to all reviews, and per calendar month. The rules:
 * excluded reviews are left out, as in the score; a review counts with its current overall score;
 * a reply counts when given before the end of the score's day; a review given on the score's day
 * or the day before and not replied to by then does not count yet (the partner always has at
 * least one whole Amsterdam day to reply). Figures are kept at the score version, which replies
 * move (migration V15), and the day.
 */
@ApplicationScoped
public class ReplyPerformanceService {

    private final PeriodCounts<ReplyPerformanceRepository.Figures> counts;
    private final ReplyPerformanceRepository figures;
    private final Classifier classifier;

    public ReplyPerformanceService(ReplyPerformanceRepository figures, Classifier classifier, Clock clock) {
        this.figures = figures;
        this.classifier = classifier;
        this.counts = new PeriodCounts<>("reply-performance", clock, this::count);
    }

    /** The moment before which a review not replied to counts against the partner, on the score's day. */
    static OffsetDateTime countUnansweredBefore(LocalDate day) {
        return BusinessTime.startOf(day.minusDays(1));
    }

    /** The figures over each score's reviews: one statement per distinct (period, day) among the missing ones. */
    public Uni<Map<PartnerScore, ReplyPerformance>> forScores(List<PartnerScore> scores) {
        return counts.window(scores).map(found -> {
            Map<PartnerScore, ReplyPerformance> performances = new HashMap<>();
            found.forEach((score, f) -> performances.put(score, performance(f)));
            return performances;
        });
    }

    /** {@code last} months of figures for each key, oldest first, ending with the month of the score's day. */
    public Uni<Map<PeriodCounts.MonthlyKey, List<MonthlyReplyPerformance>>> monthlyFor(List<PeriodCounts.MonthlyKey> keys) {
        return counts.months(keys, (month, f) -> new MonthlyReplyPerformance(month, performance(f)));
    }

    private Uni<Map<Long, PeriodCounts.Counted<ReplyPerformanceRepository.Figures>>> count(List<Long> partners, List<OffsetDateTime> bounds,
            LocalDate day) {
        return figures.figures(partners, bounds, countUnansweredBefore(day), negativeAtMost()).map(found -> {
            Map<Long, PeriodCounts.Counted<ReplyPerformanceRepository.Figures>> counted = new HashMap<>();
            found.forEach((partner, p) -> counted.put(partner, new PeriodCounts.Counted<>(List.of(p.figures()), p.scoreVersion())));
            return counted;
        });
    }

    private int negativeAtMost() {
        return classifier.highest(Classification.NEGATIVE);
    }

    private static ReplyPerformance performance(ReplyPerformanceRepository.Figures f) {
        return new ReplyPerformance((int) f.reviewCount(), (int) f.repliedCount(), ScoreRules.percentage(f.repliedCount(), f.reviewCount()),
                (int) f.negativeReviewCount(), (int) f.negativeRepliedCount(),
                ScoreRules.percentage(f.negativeRepliedCount(), f.negativeReviewCount()),
                f.medianSeconds() == null ? null : BigDecimal.valueOf(f.medianSeconds()).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
}
