package nl.marketplace.reviews.invitation;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.db.SchemaVersionCheck;

/** Runs the invitation job on every instance; the service makes concurrent runs take turns. */
@ApplicationScoped
public class InvitationJob {

    private static final Logger LOG = Logger.getLogger(InvitationJob.class);

    private final InvitationService invitations;
    private final MeterRegistry registry;

    public InvitationJob(InvitationService invitations, MeterRegistry registry) {
        this.invitations = invitations;
        this.registry = registry;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "review-invitations", every = "${reviews.invitation.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return invitations.run().invoke(run -> {
            registry.counter("invitation.job.runs", "outcome", run.ran() ? "ran" : "skipped").increment();
            registry.counter("invitation.sent").increment(run.sent());
            registry.counter("invitation.expired").increment(run.expired());
            if (run.sent() + run.expired() > 0) {
                LOG.infof("Review invitations: %d sent, %d expired unsent, %d waiting for another day",
                        run.sent(), run.expired(), run.waiting());
            }
        }).onFailure().invoke(failure -> registry.counter("invitation.job.runs", "outcome", "failed").increment())
                .replaceWithVoid();
    }
}
