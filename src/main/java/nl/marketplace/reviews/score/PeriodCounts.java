package nl.marketplace.reviews.score;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.partner.VersionedCache;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * Counts over a partner's reviews beside the score, per score period: the score's window (with its
 * fallback to all reviews, {@link ScorePeriod}) and each of the last months up to the month of the
 * score's day. One home for what the figures beside the score share (the reply rate and speed, the
 * topics' shares): kept at the score version and day, one statement per distinct period for the
 * partners missing, and the figures of a day other than today or of another number of months in
 * caches of their own, so that a partner looking back does not push out everyone's current ones.
 *
 * @param <C> one period's counts, as the repository returns them
 */
public final class PeriodCounts<C> {

    /** Monthly counts to load: the {@code last} months up to the month of the score's day. */
    public record MonthlyKey(PartnerScore score, int last) {

        /** The first of those months. */
        public LocalDate firstMonth() {
            return ScorePeriod.firstMonth(score.asOfDay(), last);
        }
    }

    /** What one statement counted for a partner: one C per period between consecutive bounds, oldest first. */
    public record Counted<C>(List<C> periods, long scoreVersion) {
    }

    /** The repository's statement for a group of partners and one list of period bounds. */
    @FunctionalInterface
    public interface Counter<C> {

        /**
         * @param bounds the periods' bounds, n + 1 for n periods
         * @param day the score's day (the rules that depend on it, such as a reply's grace, count up to it)
         * @return for each partner asked, its counts
         */
        Uni<Map<Long, Counted<C>>> count(List<Long> partners, List<OffsetDateTime> bounds, LocalDate day);
    }

    private record DayKey(long partnerKey, LocalDate day) {
    }

    private record MonthsKey(long partnerKey, LocalDate day, int last) {
    }

    private record MonthRange(LocalDate day, int last) {
    }

    private final VersionedCache<DayKey, C> window;
    private final VersionedCache<DayKey, C> windowAsOf;
    private final VersionedCache<MonthsKey, List<C>> months;
    private final VersionedCache<MonthsKey, List<C>> monthsChosen;
    private final Counter<C> counter;
    private final Clock clock;

    /** @param name the caches' name in the metrics ({@code cache_*{cache="…"}}), with "-as-of", "monthly-" and "-chosen" for the others */
    public PeriodCounts(String name, Clock clock, Counter<C> counter) {
        this.window = new VersionedCache<>(name, 100_000);
        this.windowAsOf = new VersionedCache<>(name + "-as-of", 10_000);
        this.months = new VersionedCache<>("monthly-" + name, 100_000);
        this.monthsChosen = new VersionedCache<>("monthly-" + name + "-chosen", 10_000);
        this.counter = counter;
        this.clock = clock;
    }

    /** The counts over each score's period. */
    public Uni<Map<PartnerScore, C>> window(List<PartnerScore> scores) {
        LocalDate today = BusinessTime.today(clock);
        Map<PartnerScore, C> known = new HashMap<>();
        List<PartnerScore> usual = scores.stream().filter(s -> s.asOfDay().equals(today)).toList();
        List<PartnerScore> chosen = scores.stream().filter(s -> !s.asOfDay().equals(today)).toList();
        return window.getOrLoad(usual, known, PeriodCounts::dayKey, PartnerScore::scoreVersion, this::loadWindows)
                .chain(() -> windowAsOf.getOrLoad(chosen, known, PeriodCounts::dayKey, PartnerScore::scoreVersion, this::loadWindows));
    }

    /** The {@code last} months' counts for each key, oldest first, ending with the month of the score's day. */
    public Uni<Map<MonthlyKey, List<C>>> months(List<MonthlyKey> keys) {
        LocalDate today = BusinessTime.today(clock);
        Map<MonthlyKey, List<C>> known = new HashMap<>();
        List<MonthlyKey> usual = keys.stream().filter(k -> usual(k, today)).toList();
        List<MonthlyKey> chosen = keys.stream().filter(k -> !usual(k, today)).toList();
        return months.getOrLoad(usual, known, PeriodCounts::monthsKey, k -> k.score().scoreVersion(), this::loadMonths)
                .chain(() -> monthsChosen.getOrLoad(chosen, known, PeriodCounts::monthsKey, k -> k.score().scoreVersion(), this::loadMonths));
    }

    /** As {@link #months(List)}, each month's counts made into a figure of that month (its first day). */
    public <T> Uni<Map<MonthlyKey, List<T>>> months(List<MonthlyKey> keys, BiFunction<LocalDate, C, T> figure) {
        return months(keys).map(found -> {
            Map<MonthlyKey, List<T>> figures = new HashMap<>();
            found.forEach((key, periods) -> {
                List<T> list = new ArrayList<>(periods.size());
                for (int i = 0; i < periods.size(); i++) {
                    list.add(figure.apply(key.firstMonth().plusMonths(i), periods.get(i)));
                }
                figures.put(key, list);
            });
            return figures;
        });
    }

    private static boolean usual(MonthlyKey key, LocalDate today) {
        return key.score().asOfDay().equals(today) && key.last() == ScoreService.DEFAULT_MONTHS;
    }

    private static DayKey dayKey(PartnerScore score) {
        return new DayKey(score.partnerKey(), score.asOfDay());
    }

    private static MonthsKey monthsKey(MonthlyKey key) {
        return new MonthsKey(key.score().partnerKey(), key.score().asOfDay(), key.last());
    }

    private Uni<Map<PartnerScore, VersionedCache.Computed<C>>> loadWindows(List<PartnerScore> missing) {
        return Batcher.perGroup(missing, ScorePeriod::of, PartnerScore::partnerKey, (period, partners) -> counter
                .count(partners, List.of(period.from(), period.to()), period.day())
                .map(found -> partners.stream().map(partner -> {
                    Counted<C> counted = found.get(partner);
                    return new VersionedCache.Computed<>(counted.periods().get(0), counted.scoreVersion());
                }).toList()));
    }

    private Uni<Map<MonthlyKey, VersionedCache.Computed<List<C>>>> loadMonths(List<MonthlyKey> missing) {
        return Batcher.perGroup(missing, k -> new MonthRange(k.score().asOfDay(), k.last()), k -> k.score().partnerKey(), (range, partners) -> counter
                .count(partners, ScorePeriod.monthBounds(range.day(), range.last()), range.day())
                .map(found -> partners.stream().map(partner -> {
                    Counted<C> counted = found.get(partner);
                    return new VersionedCache.Computed<>(List.copyOf(counted.periods()), counted.scoreVersion());
                }).toList()));
    }
}
