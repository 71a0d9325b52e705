package nl.marketplace.reviews.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.partner.VersionedCache;
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

    private record DayKey(long partnerKey, LocalDate day) {
    }

    private record MonthsKey(long partnerKey, LocalDate day, int last) {
    }

    /** Monthly figures to load: the {@code last} months up to the month of the score's day. */
    public record MonthlyKey(PartnerScore score, int last) {
    }

    private final VersionedCache<DayKey, ReplyPerformance> computed = new VersionedCache<>("reply-performance", 100_000);
    private final VersionedCache<DayKey, ReplyPerformance> computedAsOf = new VersionedCache<>("reply-performance-as-of", 10_000);
    private final VersionedCache<MonthsKey, List<MonthlyReplyPerformance>> computedMonths = new VersionedCache<>("monthly-reply-performance",
            100_000);
    private final VersionedCache<MonthsKey, List<MonthlyReplyPerformance>> computedMonthsChosen = new VersionedCache<>(
            "monthly-reply-performance-chosen", 10_000);

    private final ReplyPerformanceRepository figures;
    private final Classifier classifier;
    private final Clock clock;

    public ReplyPerformanceService(ReplyPerformanceRepository figures, Classifier classifier, Clock clock) {
        this.figures = figures;
        this.classifier = classifier;
        this.clock = clock;
    }

    /** The moment before which a review not replied to counts against the partner, on the score's day. */
    static OffsetDateTime countUnansweredBefore(LocalDate day) {
        return BusinessTime.startOf(day.minusDays(1));
    }

    /** The figures over each score's reviews: one statement per distinct (period, day) among the missing ones. */
    public Uni<Map<PartnerScore, ReplyPerformance>> forScores(List<PartnerScore> scores) {
        LocalDate today = BusinessTime.today(clock);
        Map<PartnerScore, ReplyPerformance> known = new HashMap<>();
        List<PartnerScore> usual = scores.stream().filter(s -> s.asOfDay().equals(today)).toList();
        List<PartnerScore> chosen = scores.stream().filter(s -> !s.asOfDay().equals(today)).toList();
        return computed.getOrLoad(usual, known, ReplyPerformanceService::dayKey, PartnerScore::scoreVersion, this::loadWindows)
                .chain(() -> computedAsOf.getOrLoad(chosen, known, ReplyPerformanceService::dayKey, PartnerScore::scoreVersion,
                        this::loadWindows));
    }

    private static DayKey dayKey(PartnerScore score) {
        return new DayKey(score.partnerKey(), score.asOfDay());
    }

    private Uni<Map<PartnerScore, VersionedCache.Computed<ReplyPerformance>>> loadWindows(List<PartnerScore> missing) {
        return Batcher.perGroup(missing, ScorePeriod::of, PartnerScore::partnerKey, (period, partners) -> figures
                .figures(partners, List.of(period.from(), period.to()), countUnansweredBefore(period.day()), negativeAtMost())
                .map(found -> partners.stream().map(partner -> {
                    ReplyPerformanceRepository.Periods p = found.get(partner);
                    return new VersionedCache.Computed<>(performance(p.figures()[0]), p.scoreVersion());
                }).toList()));
    }

    /** {@code last} months of figures for each key, oldest first, ending with the month of the score's day. */
    public Uni<Map<MonthlyKey, List<MonthlyReplyPerformance>>> monthlyFor(List<MonthlyKey> keys) {
        LocalDate today = BusinessTime.today(clock);
        Map<MonthlyKey, List<MonthlyReplyPerformance>> known = new HashMap<>();
        List<MonthlyKey> usual = keys.stream().filter(k -> usual(k, today)).toList();
        List<MonthlyKey> chosen = keys.stream().filter(k -> !usual(k, today)).toList();
        return computedMonths.getOrLoad(usual, known, ReplyPerformanceService::monthsKey, k -> k.score().scoreVersion(), this::loadMonths)
                .chain(() -> computedMonthsChosen.getOrLoad(chosen, known, ReplyPerformanceService::monthsKey, k -> k.score().scoreVersion(),
                        this::loadMonths));
    }

    private static boolean usual(MonthlyKey key, LocalDate today) {
        return key.score().asOfDay().equals(today) && key.last() == ScoreService.DEFAULT_MONTHS;
    }

    private static MonthsKey monthsKey(MonthlyKey key) {
        return new MonthsKey(key.score().partnerKey(), key.score().asOfDay(), key.last());
    }

    private record MonthRange(LocalDate day, int last) {
    }

    private Uni<Map<MonthlyKey, VersionedCache.Computed<List<MonthlyReplyPerformance>>>> loadMonths(List<MonthlyKey> missing) {
        return Batcher.perGroup(missing, k -> new MonthRange(k.score().asOfDay(), k.last()), k -> k.score().partnerKey(), (range, partners) -> {
            LocalDate firstMonth = ScorePeriod.firstMonth(range.day(), range.last());
            List<OffsetDateTime> bounds = ScorePeriod.monthBounds(range.day(), range.last());
            return figures.figures(partners, bounds, countUnansweredBefore(range.day()), negativeAtMost()).map(found -> partners.stream()
                    .map(partner -> {
                        ReplyPerformanceRepository.Periods p = found.get(partner);
                        List<MonthlyReplyPerformance> months = new ArrayList<>(range.last());
                        for (int i = 0; i < range.last(); i++) {
                            months.add(new MonthlyReplyPerformance(firstMonth.plusMonths(i), performance(p.figures()[i])));
                        }
                        return new VersionedCache.Computed<>((List<MonthlyReplyPerformance>) months, p.scoreVersion());
                    }).toList());
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
