package nl.marketplace.reviews.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;
import nl.marketplace.reviews.event.ReviewEventHub;

/**
 * Whether this instance listens for review events: in the health group "dependencies" and as the
 * gauge {@code reviews.events.listening}, never in readiness. Without LISTEN, subscriptions stay
 * open and catch up when it is back (it retries by itself); every other request is served as usual.
 */
@HealthGroup(DependenciesHealth.GROUP)
@ApplicationScoped
public class ReviewEventsHealthCheck implements HealthCheck {

    private final ReviewEventHub hub;

    public ReviewEventsHealthCheck(ReviewEventHub hub) {
        this.hub = hub;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Review events").status(hub.listening()).withData("listening", hub.listening()).build();
    }
}
