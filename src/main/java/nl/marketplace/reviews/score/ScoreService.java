package nl.marketplace.reviews.score;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.VersionedCache;
import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Classifier;

/** The rules of DOMAIN.md "Scores": window, fallback to all reviews, classes, rounding, monthly performance. */
@ApplicationScoped
public class ScoreService {

    /** Days belong to this zone; it must match review_score_day() of migration V1. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final int WINDOW_MONTHS = 3;
    static final int MINIMUM_WINDOW_REVIEWS = 5;
    static final int MAX_MONTHS = 36;

    @ConfigMapping(prefix = "reviews.score")
    public interface Config {
        /** A month with an average at or above this is a top performance. */
        @WithDefault("8.8")
        BigDecimal topPerformance();

        /** When the monthly job runs (cron, Europe/Amsterdam); daily, so that a missed start of a month catches up. */
        @WithDefault("0 15 0 * * ?")
        String monthlyCron();

        /** A headline score at or above this meets the marketplace's standard ("good"). */
        @WithDefault("8.0")
        BigDecimal standard();
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

    /** Enough for every partner on a few days; a full cache starts over (see {@link VersionedCache}). */
    private static final int CACHED = 50_000;

    /** A partner's score on a day is a function of its reviews (their version) and that day alone. */
    private record DayKey(long partnerKey, LocalDate day) {
    }

    private record MonthsKey(long partnerKey, LocalDate asOfDay, int last) {
    }

    private final VersionedCache<DayKey, PartnerScore> computedScores = new VersionedCache<>(CACHED);
    private final VersionedCache<MonthsKey, List<MonthlyScore>> computedMonths = new VersionedCache<>(CACHED);

    private final ScoreRepository scores;
    private final Classifier classifier;
    private final Config config;
    private final Clock clock;

    public ScoreService(ScoreRepository scores, Classifier classifier, Config config, Clock clock) {
        this.scores = scores;
        this.classifier = classifier;
        this.config = config;
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
        LocalDate day = (asOf == null ? clock.instant() : asOf.toInstant()).atZone(ZONE).toLocalDate();
        Map<Long, PartnerScore> known = new HashMap<>();
        List<Long> missing = new ArrayList<>();
        for (Partner partner : partners) {
            PartnerScore score = computedScores.get(new DayKey(partner.key(), day), partner.scoreVersion());
            if (score == null) {
                missing.add(partner.key());
            } else {
                known.put(partner.key(), score);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(partners.stream().map(p -> known.get(p.key())).toList());
        }
        LocalDate firstDay = day.minusMonths(WINDOW_MONTHS).plusDays(1);
        return scores.tallies(missing, firstDay, day).map(tallies -> partners.stream().map(partner -> known.computeIfAbsent(
                partner.key(), key -> {
                    PartnerScore score = score(partner, tallies.get(key), firstDay, day);
                    computedScores.put(new DayKey(key, day), partner.scoreVersion(), score);
                    return score;
                })).toList());
    }

    private PartnerScore score(Partner partner, ScoreRepository.Tallies tallies, LocalDate firstDay, LocalDate day) {
        long partnerKey = partner.key();
        boolean fewer = tallies.window().count() < MINIMUM_WINDOW_REVIEWS;
        Tally t = fewer ? tallies.all() : tallies.window();
        long n = t.count();
        long positive = t.countBetween(classifier.lowest(Classification.POSITIVE), 10);
        long neutral = t.countBetween(classifier.lowest(Classification.NEUTRAL), classifier.highest(Classification.NEUTRAL));
        BigDecimal overall = average(t.overallSum(), n);
        return new PartnerScore(GlobalId.encode(Partner.TYPE, partnerKey), partnerKey,
                toDouble(overall), fewer ? ScoreMethod.ALL_REVIEWS : ScoreMethod.LAST_3_MONTHS, fewer,
                (int) n, (int) positive, (int) neutral, (int) (n - positive - neutral),
                percentage(positive, n), percentage(positive + neutral, n),
                overall == null ? null : overall.compareTo(config.standard()) >= 0,
                new SubScoreAverages(sub(t, 0), sub(t, 1), sub(t, 2), sub(t, 3)),
                firstDay.atStartOfDay(ZONE).toOffsetDateTime(), day.plusDays(1).atStartOfDay(ZONE).toOffsetDateTime(), day,
                partner.scoreVersion());
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
        Map<MonthlyKey, List<MonthlyScore>> known = new HashMap<>();
        List<MonthlyKey> missing = new ArrayList<>();
        for (MonthlyKey key : keys) {
            List<MonthlyScore> months = computedMonths.get(monthsKey(key), key.scoreVersion());
            if (months == null) {
                missing.add(key);
            } else {
                known.put(key, months);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        return Batcher.perGroup(missing, k -> new MonthRange(k.asOfDay(), k.last()), MonthlyKey::partnerKey, this::monthly)
                .map(computed -> {
                    computed.forEach((key, months) -> computedMonths.put(monthsKey(key), key.scoreVersion(), months));
                    known.putAll(computed);
                    return known;
                });
    }

    private static MonthsKey monthsKey(MonthlyKey key) {
        return new MonthsKey(key.partnerKey(), key.asOfDay(), key.last());
    }

    /** The {@code last} months up to and including the month of {@code asOfDay}. */
    private record MonthRange(LocalDate asOfDay, int last) {
    }

    private Uni<List<List<MonthlyScore>>> monthly(MonthRange range, List<Long> partners) {
        LocalDate runningMonth = range.asOfDay().withDayOfMonth(1);
        LocalDate firstMonth = runningMonth.minusMonths(range.last() - 1L);
        return scores.monthly(partners, firstMonth, range.asOfDay()).map(found -> partners.stream().map(partner -> {
            Map<LocalDate, List<ScoreRepository.Month>> months = found.getOrDefault(partner, Map.of());
            List<MonthlyScore> list = new ArrayList<>(range.last());
            for (int i = 0; i < range.last(); i++) {
                LocalDate month = firstMonth.plusMonths(i);
                ScoreRepository.Month m = pick(months.getOrDefault(month, List.of()), month.isBefore(runningMonth));
                BigDecimal average = average(m.overallSum(), m.reviewCount());
                list.add(new MonthlyScore(month, toDouble(average), (int) m.reviewCount(),
                        average != null && average.compareTo(config.topPerformance()) >= 0));
            }
            return list;
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
        LocalDate month = now.atZoneSameInstant(ZONE).toLocalDate().withDayOfMonth(1).minusMonths(1);
        return scores.recordMonth(month, now);
    }

    private static SubScoreAverage sub(Tally t, int i) {
        return new SubScoreAverage(toDouble(average(t.subSum[i], t.subCount[i])), (int) t.subCount[i]);
    }

    /** sum / count rounded half-up to one decimal (9.15 gives 9.2), exactly; null when count is 0. */
    static BigDecimal average(long sum, long count) {
        return count == 0 ? null : BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 1, RoundingMode.HALF_UP);
    }

    private static Integer percentage(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValue();
    }

    private static Double toDouble(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
