package nl.marketplace.reviews.rereview;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import nl.marketplace.reviews.graphql.BadUserInputException;

/** An opaque keyset cursor into a review's customer contacts (newest first): creation time in microseconds and id. */
record ContactCursor(OffsetDateTime createdAt, long id) {

    private static final String VERSION = "c1";

    static String encode(CustomerContact contact) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, contact.createdAt().toInstant());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + ":" + micros + ":" + contact.key()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor (null for none), or BAD_USER_INPUT when it is malformed. */
    static ContactCursor decode(String cursor) {
        if (cursor == null) {
            return null;
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException("after", "malformed cursor");
        }
        if (parts.length != 3 || !parts[0].equals(VERSION) || !parts[1].matches("-?[0-9]{1,18}") || !parts[2].matches("[0-9]{1,18}")) {
            throw new BadUserInputException("after", "malformed cursor");
        }
        return new ContactCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC),
                Long.parseLong(parts[2]));
    }
}
