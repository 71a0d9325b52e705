package nl.marketplace.reviews.alert;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.db.SchemaVersionCheck;

/** Mails partners about negative reviews (AlertService.run); every instance runs it, each event is looked at once. */
@ApplicationScoped
public class AlertJob {

    private static final Logger LOG = Logger.getLogger(AlertJob.class);

    private final AlertService alerts;

    public AlertJob(AlertService alerts) {
        this.alerts = alerts;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "negative-review-alerts", every = "${reviews.alerts.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return alerts.run().invoke(run -> {
            if (run.mails() > 0) {
                LOG.infof("Negative review alerts: %d mails, %d waiting for a digest", run.mails(), run.waiting());
            }
        }).replaceWithVoid();
    }
}
