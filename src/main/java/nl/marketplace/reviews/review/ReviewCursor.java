package nl.marketplace.reviews.review;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import nl.marketplace.reviews.graphql.BadUserInputException;

/**
 * An opaque keyset cursor: the sort key of the review it points at (order, overall score,
 * creation time in microseconds, id). It positions by values, not by offset, so it stays valid
 * while new reviews arrive.
 */
public record ReviewCursor(ReviewOrder order, int overall, OffsetDateTime createdAt, long key) {

    private static final String VERSION = "r1";

    public static String encode(ReviewOrder order, Review review) {
        Instant at = review.createdAt().toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        String text = VERSION + ":" + order.ordinal() + ":" + review.overall() + ":" + micros + ":" + review.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or BAD_USER_INPUT when it is malformed or was made for another order. */
    public static ReviewCursor decode(String cursor, ReviewOrder order) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("after", "malformed cursor");
        }
        if (parts.length != 5 || !parts[0].equals(VERSION) || !parts[1].matches("[0-9]")
                || !parts[2].matches("[0-9]{1,2}") || !parts[3].matches("-?[0-9]{1,18}")
                || !parts[4].matches("[0-9]{1,18}")) {
            throw new BadUserInputException("after", "malformed cursor");
        }
        if (Integer.parseInt(parts[1]) != order.ordinal()) {
            throw new BadUserInputException("after", "cursor belongs to another orderBy");
        }
        OffsetDateTime createdAt = Instant.EPOCH.plus(Long.parseLong(parts[3]), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        return new ReviewCursor(order, Integer.parseInt(parts[2]), createdAt, Long.parseLong(parts[4]));
    }
}
