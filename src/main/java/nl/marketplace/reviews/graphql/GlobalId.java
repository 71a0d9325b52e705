package nl.marketplace.reviews.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque global ids ("Relay" style): the type name and the database key, base64url-encoded.
 * Clients must treat them as opaque; the type prefix lets {@code node(id)} dispatch and stops an
 * id of one type from being used as another.
 */
public final class GlobalId {

    private GlobalId() {
    }

    public static String encode(String type, long key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The type name of an id, or throws BAD_USER_INPUT naming the argument. */
    public static String typeOf(String id, String argument) {
        return decode(id, argument)[0];
    }

    /** The key of an id of the expected type, or throws BAD_USER_INPUT naming the argument. */
    public static long key(String id, String expectedType, String argument) {
        String[] parts = decode(id, argument);
        if (!parts[0].equals(expectedType)) {
            throw new BadUserInputException(argument, "not a " + expectedType + " id");
        }
        return Long.parseLong(parts[1]);
    }

    /** The key of an id of the expected type, or null when the id is malformed or of another type. */
    public static Long keyOrNull(String id, String expectedType) {
        try {
            return key(id, expectedType, "id");
        } catch (BadUserInputException e) {
            return null;
        }
    }

    private static String[] decode(String id, String argument) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            throw new BadUserInputException(argument, "malformed id");
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            String[] parts = text.split(":", -1);
            if (parts.length == 2 && !parts[0].isEmpty() && parts[1].matches("[1-9][0-9]{0,17}")) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new BadUserInputException(argument, "malformed id");
    }
}
