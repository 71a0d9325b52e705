package nl.marketplace.reviews.score;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.VersionedCache;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.time.BusinessTime;

/** The rules of DOMAIN.md "Scores": window, fallback to all reviews, classes, rounding, monthly performance. */
@ApplicationScoped
public class ScoreService {

    /** Days belong to this zone; it must match review_score_day() of migration V1. */
    static final int MAX_MONTHS = 36;

    @ConfigMapping(prefix = "reviews.score")
    public interface Config extends CheckedSettings {
        /** A month with an average at or above this is a top performance. */
        @WithDefault("8.8")
        BigDecimal topPerformance();

        /** When the monthly job runs (cron, Europe/Amsterdam); daily, so that a missed start of a month catches up. */
        @WithDefault("0 15 0 * * ?")
        String monthlyCron();

        /** A headline score at or above this meets the marketplace's standard ("good"). */
        @WithDefault("8.0")
        BigDecimal standard();

        /** Both thresholds on the 1-10 scale, the standard not above a top performance; a cron the scheduler takes. */
        @Override
        default void check(Checks checks) {
            checks.onScoreScale("reviews.score.standard", standard());
            checks.onScoreScale("reviews.score.top-performance", topPerformance());
            checks.require(topPerformance().compareTo(standard()) >= 0, "reviews.score.top-performance", topPerformance(),
                    "at least reviews.score.standard (" + standard() + ")");
            checks.cron("reviews.score.monthly-cron", monthlyCron());
        }
    }

    /** A score to load: a partner (with its score version) as of a moment (null: now). */
    public record ScoreKey(Partner partner, OffsetDateTime asOf) {
    }

    /**
     * Monthly scores to load: the {@code last} months up to and including the month of {@code asOfDay},
     * of the partner at its score version.
     */
    public record MonthlyKey(long partnerKey, long scoreVersion, LocalDate asOfDay, int last) {
    }

    /** Today's figures of every partner of a large marketplace (a score is about a kilobyte). */
    private static final int CACHED = 100_000;
    /** Figures of days and month counts that clients choose (asOf, last): kept apart, so a crawler walking them evicts only its own. */
    private static final int CHOSEN = 10_000;

    /** A partner's score on a day is a function of its reviews (their version) and that day alone. */
    private record DayKey(long partnerKey, LocalDate day) {
    }

    private record MonthsKey(long partnerKey, LocalDate asOfDay, int last) {
    }

    private final VersionedCache<DayKey, PartnerScore> computedScores = new VersionedCache<>("partner-scores", CACHED);
    private final VersionedCache<DayKey, PartnerScore> computedScoresAsOf = new VersionedCache<>("partner-scores-as-of", CHOSEN);
    private final VersionedCache<MonthsKey, List<MonthlyScore>> computedMonths = new VersionedCache<>("monthly-scores", CACHED);
    private final VersionedCache<MonthsKey, List<MonthlyScore>> computedMonthsChosen = new VersionedCache<>("monthly-scores-chosen", CHOSEN);

    private final ScoreRepository scores;
    private final ScoreRules rules;
    private final Clock clock;

    public ScoreService(ScoreRepository scores, Classifier classifier, Config config, Clock clock) {
        this.scores = scores;
        this.rules = new ScoreRules(classifier, config.standard(), config.topPerformance());
        this.clock = clock;
    }

    /** The scores of many (partner, asOf) pairs: at most one statement per distinct asOf. */
    public Uni<Map<ScoreKey, PartnerScore>> scoresFor(List<ScoreKey> keys) {
        return Batcher.perGroup(keys, ScoreKey::asOf, ScoreKey::partner, (asOf, partners) -> scores(partners, asOf));
    }

    /**
     * The scores of the partners as of a moment (null: now), in their order: the ones computed before
     * at the partners' score versions, and the others in one statement.
     */
    public Uni<List<PartnerScore>> scores(List<Partner> partners, OffsetDateTime asOf) {
        LocalDate today = BusinessTime.today(clock);
        LocalDate day = asOf == null ? today : BusinessTime.day(asOf);
        return (day.equals(today) ? computedScores : computedScoresAsOf).getOrLoad(partners, new HashMap<>(), partner -> new DayKey(partner.key(), day), Partner::scoreVersion,
                missing -> scores.tallies(missing.stream().map(Partner::key).toList(), ScoreRules.windowStart(day), day).map(tallies -> {
                    Map<Partner, VersionedCache.Computed<PartnerScore>> computed = new HashMap<>();
                    for (Partner partner : missing) {
                        ScoreRepository.Tallies t = tallies.get(partner.key());
                        computed.put(partner, new VersionedCache.Computed<>(rules.score(partner, t.window(), t.all(), day), t.scoreVersion()));
                    }
                    return computed;
                })).map(known -> partners.stream().map(known::get).toList());
    }

    /** {@code last} as given, or BAD_USER_INPUT. */
    public int months(int last) {
        if (last < 1 || last > MAX_MONTHS) {
            throw new BadUserInputException("last", "must be between 1 and " + MAX_MONTHS + ", was " + last);
        }
        return last;
    }

    /**
     * Monthly scores for many keys, newest month last: the ones computed before at the partners' score
     * versions, and the others in one statement per distinct (day, last).
     */
    public Uni<Map<MonthlyKey, List<MonthlyScore>>> monthlyFor(List<MonthlyKey> keys) {
        LocalDate today = BusinessTime.today(clock);
        Map<MonthlyKey, List<MonthlyScore>> known = new HashMap<>();
        List<MonthlyKey> usual = keys.stream().filter(k -> k.asOfDay().equals(today) && k.last() == DEFAULT_MONTHS).toList();
        List<MonthlyKey> chosen = keys.stream().filter(k -> !(k.asOfDay().equals(today) && k.last() == DEFAULT_MONTHS)).toList();
        return computedMonths.getOrLoad(usual, known, ScoreService::monthsKey, MonthlyKey::scoreVersion, this::loadMonthly)
                .chain(() -> computedMonthsChosen.getOrLoad(chosen, known, ScoreService::monthsKey, MonthlyKey::scoreVersion, this::loadMonthly));
    }

    /** The chart's months unless a client asks for others (PartnerScore.monthly's default). */
    static final int DEFAULT_MONTHS = 12;

    private Uni<Map<MonthlyKey, VersionedCache.Computed<List<MonthlyScore>>>> loadMonthly(List<MonthlyKey> missing) {
        return Batcher.perGroup(missing, k -> new MonthRange(k.asOfDay(), k.last()), MonthlyKey::partnerKey, this::monthly);
    }

    private static MonthsKey monthsKey(MonthlyKey key) {
        return new MonthsKey(key.partnerKey(), key.asOfDay(), key.last());
    }

    /** The {@code last} months up to and including the month of {@code asOfDay}. */
    private record MonthRange(LocalDate asOfDay, int last) {
    }

    private Uni<List<VersionedCache.Computed<List<MonthlyScore>>>> monthly(MonthRange range, List<Long> partners) {
        LocalDate runningMonth = BusinessTime.monthOf(range.asOfDay());
        LocalDate firstMonth = runningMonth.minusMonths(range.last() - 1L);
        return scores.monthly(partners, firstMonth, range.asOfDay()).map(found -> partners.stream().map(partner -> {
            ScoreRepository.Months months = found.get(partner);
            List<MonthlyScore> list = new ArrayList<>(range.last());
            for (int i = 0; i < range.last(); i++) {
                LocalDate month = firstMonth.plusMonths(i);
                ScoreRepository.Month m = pick(months.byMonth().getOrDefault(month, List.of()), month.isBefore(runningMonth));
                list.add(rules.month(month, m.overallSum(), m.reviewCount()));
            }
            return new VersionedCache.Computed<>((List<MonthlyScore>) list, months.scoreVersion());
        }).toList());
    }

    /** A closed month's recorded figures when there are any, else the figures computed now. */
    private static ScoreRepository.Month pick(List<ScoreRepository.Month> candidates, boolean closed) {
        ScoreRepository.Month live = new ScoreRepository.Month(0, 0, false);
        for (ScoreRepository.Month m : candidates) {
            if (m.recorded() && closed) {
                return m;
            }
            if (!m.recorded()) {
                live = m;
            }
        }
        return live;
    }

    /** Records the month before the clock's month for every partner; running it again changes nothing. */
    public Uni<Integer> recordPreviousMonth() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate month = BusinessTime.monthOf(BusinessTime.day(now)).minusMonths(1);
        return scores.recordMonth(month, now);
    }
}
