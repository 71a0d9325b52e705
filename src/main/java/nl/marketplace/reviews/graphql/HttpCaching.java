package nl.marketplace.reviews.graphql;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import nl.marketplace.reviews.event.ReviewEventHub;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * HTTP caching of the public reads: an anonymous GET query answered without errors is
 * {@code Cache-Control: public, max-age=…} (reviews.http-cache.max-age, 60 s: scores change with
 * new reviews) with an ETag, and {@code If-None-Match} with that ETag is answered 304 without
 * running the query again, for as long as nothing public changed. Everything else (signed-in
 * callers, POST, answers with errors) is {@code private, no-store}. {@code Vary: Accept,
 * Authorization} throughout.
 *
 * <p>The ETag is a hash of the request (document, operation name, variables, media type), the
 * Europe/Amsterdam day (the 3-month window moves at midnight with no change in the data), and this
 * instance's public-data version: a count of the database's public_changes notices (V9's
 * statement triggers on every table an anonymous reader sees) that {@link ReviewEventHub} hears.
 * The count is this instance's own, so the instance's identity is part of the ETag: another pod
 * answers a revalidation with 200, never with a wrong 304. While the instance does not listen, it
 * gives no ETag.
 */
@ApplicationScoped
public class HttpCaching {

    private final String instance = UUID.randomUUID().toString();
    private final ReviewEventHub hub;
    private final Clock clock;
    private final Duration maxAge;

    @ConfigMapping(prefix = "reviews.http-cache")
    public interface Config extends CheckedSettings {
        /** How long a public answer may be reused without asking (Cache-Control max-age). */
        @WithDefault("60s")
        Duration maxAge();

        @Override
        default void check(Checks checks) {
            checks.require(!maxAge().isNegative() && maxAge().compareTo(Duration.ofDays(1)) <= 0, "reviews.http-cache.max-age", maxAge(),
                    "from 0s to 1d");
        }
    }

    public HttpCaching(ReviewEventHub hub, Clock clock, Config config) {
        this.hub = hub;
        this.clock = clock;
        this.maxAge = config.maxAge();
    }

    /** The ETag of an anonymous GET's answer as things stand, or null when this instance cannot tell. */
    public String etag(String document, String operationName, String variables, String mediaType) {
        OptionalLong version = hub.publicVersion();
        if (version.isEmpty()) {
            return null;
        }
        LocalDate today = BusinessTime.today(clock);
        String key = String.join("\u0000", instance, Long.toString(version.getAsLong()), today.toString(), mediaType,
                document, operationName == null ? "" : operationName, variables == null ? "" : variables);
        return "W/\"" + PersistedQueries.sha256(key).substring(0, 32) + "\"";
    }

    /** Whether an If-None-Match header names this ETag (or is "*"). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || ("W/" + tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    public String publicCacheControl() {
        return "public, max-age=" + maxAge.toSeconds();
    }

    public static final String PRIVATE = "private, no-store";
    public static final String VARY = "Accept, Authorization";
}
