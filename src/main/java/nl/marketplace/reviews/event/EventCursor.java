package nl.marketplace.reviews.event;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import nl.marketplace.reviews.graphql.BadUserInputException;

/** The opaque cursor of a review event: its partner and its number in the partner's events. */
public record EventCursor(long partnerKey, long seq) {

    private static final String PREFIX = "ReviewEvent:";

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + partnerKey + ":" + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's event number, or BAD_USER_INPUT when it is malformed or of another partner's events. */
    public static long seqOf(String cursor, long partnerKey, String argument) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > 100) {
            throw new BadUserInputException(argument, "malformed cursor");
        }
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":", -1);
        } catch (IllegalArgumentException e) {
            throw new BadUserInputException(argument, "malformed cursor");
        }
        if (parts.length != 3 || !(parts[0] + ":").equals(PREFIX) || !parts[1].matches("[1-9][0-9]{0,17}")
                || !parts[2].matches("0|[1-9][0-9]{0,17}")) {
            throw new BadUserInputException(argument, "malformed cursor");
        }
        if (Long.parseLong(parts[1]) != partnerKey) {
            throw new BadUserInputException(argument, "a cursor of another partner's events");
        }
        return Long.parseLong(parts[2]);
    }
}
