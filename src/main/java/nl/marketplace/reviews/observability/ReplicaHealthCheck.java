package nl.marketplace.reviews.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;
import nl.marketplace.reviews.db.Replica;

/**
 * Whether public reads go to the replica: in the health group "dependencies" (up without a replica
 * configured), never in readiness. Without it the primary serves them (README, "Reads on replicas").
 */
@HealthGroup(DependenciesHealth.GROUP)
@ApplicationScoped
public class ReplicaHealthCheck implements HealthCheck {

    private final Replica replica;

    public ReplicaHealthCheck(Replica replica) {
        this.replica = replica;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Replica for public reads").status(!replica.configured() || replica.usable())
                .withData("configured", replica.configured()).withData("inUse", replica.usable()).build();
    }
}
