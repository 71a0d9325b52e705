package nl.marketplace.reviews.score;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * Records each partner's previous month (average overall, count; top performance is derived at
 * read time). Runs daily: the first run of a month records it, later runs find it recorded and
 * change nothing, and any instance may run it.
 */
@ApplicationScoped
public class MonthlyScoreJob {

    private static final Logger LOG = Logger.getLogger(MonthlyScoreJob.class);

    private final ScoreService scores;

    public MonthlyScoreJob(ScoreService scores) {
        this.scores = scores;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "monthly-scores", cron = "${reviews.score.monthly-cron}", timeZone = BusinessTime.ZONE_ID,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return scores.recordPreviousMonth().invoke(n -> {
            if (n > 0) {
                LOG.infof("Recorded the previous month's scores of %d partners", n);
            }
        }).replaceWithVoid();
    }
}
