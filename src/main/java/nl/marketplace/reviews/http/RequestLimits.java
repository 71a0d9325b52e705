package nl.marketplace.reviews.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/** What a GraphQL request may be and how many run at once (RequestReader, GraphQLEdge, InFlightLimit; README "Under overload"). */
@ConfigMapping(prefix = "reviews.graphql")
public interface RequestLimits extends CheckedSettings {

    /** The largest request body; larger ones are answered 413. */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Anonymous callers run trusted documents only (README, "Trusted documents"). */
    @WithDefault("false")
    boolean trustedDocumentsOnly();

    /** Requests that may run at once on an instance. */
    @WithDefault("64")
    int maxInFlight();

    /** Requests that may wait for a slot; one more is answered 503 at once. */
    @WithDefault("512")
    int maxQueued();

    /** How long a request may wait for a slot before it is answered 503. */
    @WithDefault("2s")
    Duration maxQueueWait();

    /** The Retry-After of a 503, in seconds. */
    @WithDefault("1")
    int retryAfterSeconds();

    /** How long a refused request waits for its 503 (a client that retries at once then retries at this pace); 0s: at once. */
    @WithDefault("1s")
    Duration refusalDelay();

    /** Refusals that may wait for their delay at once; one more is refused at once and its connection closed. */
    @WithDefault("4096")
    int maxHeld();

    @Override
    default void check(Checks checks) {
        checks.between("reviews.graphql.max-body-bytes", maxBodyBytes(), 1024, 16 * 1024 * 1024);
        checks.between("reviews.graphql.max-in-flight", maxInFlight(), 1, 10_000);
        checks.between("reviews.graphql.max-queued", maxQueued(), 0, 100_000);
        checks.notNegative("reviews.graphql.max-queue-wait", maxQueueWait());
        checks.between("reviews.graphql.retry-after-seconds", retryAfterSeconds(), 0, 3600);
        checks.require(!refusalDelay().isNegative() && refusalDelay().compareTo(Duration.ofSeconds(10)) <= 0, "reviews.graphql.refusal-delay",
                refusalDelay(), "from 0s to 10s");
        checks.between("reviews.graphql.max-held", maxHeld(), 0, 100_000);
    }
}
