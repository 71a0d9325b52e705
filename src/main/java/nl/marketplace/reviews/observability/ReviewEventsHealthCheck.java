package nl.marketplace.reviews.observability;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import nl.marketplace.reviews.event.ReviewEventHub;

/**
 * Readiness includes the LISTEN connection: an instance that does not listen would keep its
 * subscribers open and silent. (It retries by itself; subscriptions catch up when it is back.)
 */
@Readiness
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
