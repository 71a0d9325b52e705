package nl.marketplace.reviews.topic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.review.ReviewTopics;
import nl.marketplace.reviews.score.PartnerScore;
import nl.marketplace.reviews.score.PeriodCounts;
import nl.marketplace.reviews.score.ScoreRules;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * What a partner's reviews talk about, beside what all partners' reviews do (tip 7): each topic's
 * share of the score's reviews and of each month's, in the pros and in the cons. The partner's
 * counts are kept at the score version and day; the platform's come from PlatformTopicsJob and are
 * read again at most every few minutes.
 */
@ApplicationScoped
public class TopicService {

    /** How long the platform's figures are used before they are read again (the job writes them daily). */
    static final Duration PLATFORM_REREAD = Duration.ofMinutes(5);
    /** How many days of the platform's figures are kept. */
    static final int PLATFORM_RETENTION_DAYS = 30;

    private record Platform(TopicRepository.Platform figures, Instant readAt) {
    }

    private final PeriodCounts<Map<String, TopicRepository.Counts>> partnerCounts;
    private volatile Platform platform;

    private final TopicRepository counts;
    private final ReviewTopics topics;
    private final Clock clock;

    public TopicService(TopicRepository counts, ReviewTopics topics, Clock clock) {
        this.counts = counts;
        this.topics = topics;
        this.clock = clock;
        this.partnerCounts = new PeriodCounts<>("topic-shares", clock, (partners, bounds, day) -> counts.partners(partners, bounds, topics.all())
                .map(found -> {
                    Map<Long, PeriodCounts.Counted<Map<String, TopicRepository.Counts>>> counted = new HashMap<>();
                    found.forEach((partner, c) -> counted.put(partner, new PeriodCounts.Counted<>(c.periods(), c.scoreVersion())));
                    return counted;
                }));
    }

    /** The shares over each score's reviews, with the platform's beside them. */
    public Uni<Map<PartnerScore, TopicShares>> forScores(List<PartnerScore> scores) {
        return partnerCounts.window(scores).chain(byScore -> platform().map(platformFigures -> {
            Map<PartnerScore, TopicShares> shares = new HashMap<>();
            byScore.forEach((score, c) -> shares.put(score, shares(null, c, platformFigures)));
            return shares;
        }));
    }

    /** {@code last} months of shares for each key, oldest first (no platform figures). */
    public Uni<Map<PeriodCounts.MonthlyKey, List<TopicShares>>> monthlyFor(List<PeriodCounts.MonthlyKey> keys) {
        return partnerCounts.months(keys, (month, c) -> shares(month, c, TopicRepository.Platform.NONE));
    }

    private TopicShares shares(LocalDate month, Map<String, TopicRepository.Counts> byTopic, TopicRepository.Platform platformFigures) {
        long reviews = byTopic.values().stream().mapToLong(TopicRepository.Counts::reviews).max().orElse(0);
        List<TopicShare> list = new ArrayList<>();
        for (String topic : topics.all().keySet()) {
            TopicRepository.Counts c = byTopic.getOrDefault(topic, TopicRepository.Counts.NONE);
            TopicRepository.Counts all = platformFigures.byTopic().get(topic);
            list.add(new TopicShare(topic, (int) c.mentions(), ScoreRules.percentage(c.mentions(), reviews), (int) c.pros(),
                    ScoreRules.percentage(c.pros(), reviews), (int) c.cons(), ScoreRules.percentage(c.cons(), reviews),
                    all == null ? null : ScoreRules.percentage(all.mentions(), all.reviews()),
                    all == null ? null : ScoreRules.percentage(all.pros(), all.reviews()),
                    all == null ? null : ScoreRules.percentage(all.cons(), all.reviews())));
        }
        return new TopicShares(month, (int) reviews, list, month == null ? platformFigures.day() : null);
    }

    /** The platform's latest figures, read again when older than PLATFORM_REREAD. */
    private Uni<TopicRepository.Platform> platform() {
        Platform known = platform;
        Instant now = clock.instant();
        if (known != null && known.readAt().plus(PLATFORM_REREAD).isAfter(now)) {
            return Uni.createFrom().item(known.figures());
        }
        return counts.latestPlatform().invoke(figures -> platform = new Platform(figures, now));
    }

    /**
     * Computes the platform's shares over today's 3-month window unless already done today (any
     * instance; two at once write the same figures), and drops days past the retention.
     * The number of topics written (0: done before).
     */
    public Uni<Integer> recordPlatform() {
        LocalDate today = BusinessTime.today(clock);
        return counts.latestPlatform().chain(latest -> {
            if (today.equals(latest.day())) {
                return Uni.createFrom().item(0);
            }
            return counts.recordPlatform(today, BusinessTime.startOf(ScoreRules.windowStart(today)), BusinessTime.startOf(today.plusDays(1)),
                    topics.all()).call(() -> counts.prunePlatform(today.minusDays(PLATFORM_RETENTION_DAYS)))
                    .invoke(() -> platform = null);
        });
    }
}
