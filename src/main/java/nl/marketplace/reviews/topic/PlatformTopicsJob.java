package nl.marketplace.reviews.topic;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.time.BusinessTime;

/** Computes the share of all partners' reviews that mention each topic, once a day (TopicService.recordPlatform). */
@ApplicationScoped
public class PlatformTopicsJob {

    private static final Logger LOG = Logger.getLogger(PlatformTopicsJob.class);

    private final TopicService topics;

    public PlatformTopicsJob(TopicService topics) {
        this.topics = topics;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "platform-topics", cron = "${reviews.topics.platform-cron}", timeZone = BusinessTime.ZONE_ID,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return topics.recordPlatform().invoke(n -> {
            if (n > 0) {
                LOG.infof("Recorded the platform's shares of %d topics", n);
            }
        }).replaceWithVoid();
    }
}
