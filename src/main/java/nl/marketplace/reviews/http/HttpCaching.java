package nl.marketplace.reviews.http;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.partner.PartnerRepository;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.time.BusinessTime;
import nl.marketplace.reviews.trusteddocument.PersistedQueries;

/**
 * HTTP caching of the public reads: an anonymous GET query answered without errors is
 * {@code Cache-Control: public, max-age=…} (reviews.http-cache.max-age, 60 s: scores change with
 * new reviews) with an ETag, and {@code If-None-Match} with that ETag is answered 304 without
 * running the query again, for as long as nothing it read changed. Everything else (signed-in
 * callers, POST, answers with errors) is {@code private, no-store}. {@code Vary: Accept,
 * Authorization} throughout.
 *
 * <p>The ETag is built from what the answer depends on, so every pod and every replica gives the
 * same one for the same data: a hash of the request (document, operation name, variables, media
 * type), the Europe/Amsterdam day (the 3-month window moves at midnight with no change in the data),
 * and the public version of each partner the answer read (db.ReadVersions: partner.public_version,
 * read in the same statements as the data, migration V13), followed by those partners' keys and
 * versions in the clear. A revalidation reads the current versions of those partners only, from
 * where the request would be answered (a replica, when public reads go there), and answers 304 when
 * the ETag comes out the same: a change to one shop leaves the other shops' 304s alone, and a
 * replica that has not replayed a change gives the old ETag with the old data, never the new one. A
 * replica behind the client's copy (the ETag came from a fresher source) does not answer: the
 * primary does. An answer whose reads the versions do not cover has no ETag (private, no-store).
 */
@ApplicationScoped
public class HttpCaching {

    /** Partners an ETag names at most; an answer that read more is public but has no ETag. */
    static final int MAX_PARTNERS = 100;

    private final PartnerRepository partners;
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

    public HttpCaching(PartnerRepository partners, Clock clock, Config config) {
        this.partners = partners;
        this.clock = clock;
        this.maxAge = config.maxAge();
    }

    /** What a request asks, as it takes part in the ETag. */
    public record Request(String hash, LocalDate day) {
    }

    /** The request as an ETag sees it, on today's Amsterdam day. */
    public Request request(String document, String operationName, String variables, String mediaType) {
        String key = String.join("\u0000", mediaType, document, operationName == null ? "" : operationName, variables == null ? "" : variables);
        return new Request(PersistedQueries.sha256(key), BusinessTime.today(clock));
    }

    /** The ETag of an answer that read these partners at these versions (key order). */
    static String etag(Request request, Map<Long, Long> versions) {
        StringBuilder read = new StringBuilder();
        versions.forEach((partner, version) -> read.append('_').append(Long.toString(partner, 36)).append('.').append(Long.toString(version, 36)));
        String hash = PersistedQueries.sha256(request.hash() + "\u0000" + request.day() + read).substring(0, 24);
        return "W/\"" + hash + read + "\"";
    }

    /** The partners and versions an ETag of ours names, or null when it is none of ours (or names too many). */
    static Map<Long, Long> partnersOf(String etag) {
        String tag = etag.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 26 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            return null;
        }
        String[] parts = tag.substring(1, tag.length() - 1).split("_", -1);
        if (parts[0].length() != 24 || parts.length - 1 > MAX_PARTNERS) {
            return null;
        }
        Map<Long, Long> versions = new TreeMap<>();
        try {
            for (int i = 1; i < parts.length; i++) {
                int dot = parts[i].indexOf('.');
                if (dot < 1) {
                    return null;
                }
                versions.put(Long.parseLong(parts[i].substring(0, dot), 36), Long.parseLong(parts[i].substring(dot + 1), 36));
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return versions;
    }

    /** What a revalidation found: the ETag that is current (304), or whether to run the request, and where. */
    public record Revalidation(String current, boolean behind) {
    }

    /**
     * Whether one of the ETags of an If-None-Match header is this request's answer as things stand:
     * the versions of the partners it names, read where the request would be answered. Null when the
     * header names none of ours.
     */
    public Uni<Revalidation> revalidate(String ifNoneMatch, Request request) {
        if (ifNoneMatch == null) {
            return null;
        }
        List<String> ours = new ArrayList<>();
        Set<Long> keys = new TreeSet<>();
        for (String candidate : ifNoneMatch.split(",")) {
            Map<Long, Long> named = partnersOf(candidate);
            if (named != null && keys.size() + named.size() <= MAX_PARTNERS) {
                ours.add(candidate.strip());
                keys.addAll(named.keySet());
            }
        }
        if (ours.isEmpty()) {
            return null;
        }
        Uni<Map<Long, Long>> current = keys.isEmpty() ? Uni.createFrom().item(Map.of()) : partners.publicVersions(List.copyOf(keys));
        return current.map(versions -> {
            boolean behind = false;
            for (String tag : ours) {
                Map<Long, Long> named = partnersOf(tag);
                Map<Long, Long> now = new TreeMap<>();
                named.keySet().forEach(partner -> now.put(partner, versions.getOrDefault(partner, -1L)));
                String etag = etag(request, now);
                if (sameTag(etag, tag)) {
                    return new Revalidation(etag, false);
                }
                if (sameTag(etag(request, named), tag)) {
                    // The client's copy is of this request and differs in the versions: is this source older than it?
                    behind |= named.entrySet().stream().anyMatch(e -> now.get(e.getKey()) < e.getValue());
                }
            }
            return new Revalidation(null, behind);
        });
    }

    private static boolean sameTag(String etag, String candidate) {
        return etag.equals(candidate) || etag.equals("W/" + candidate);
    }

    public String publicCacheControl() {
        return "public, max-age=" + maxAge.toSeconds();
    }

    public static final String PRIVATE = "private, no-store";
    public static final String VARY = "Accept, Authorization";
}
