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

    /** The id of an object whose key has several parts (a partner's score on a day, a partner's n-th event). */
    public static String encode(String type, long key, long part) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((type + ":" + key + ":" + part).getBytes(StandardCharsets.UTF_8));
    }

    /** The type name of an id, or throws BAD_USER_INPUT naming the argument. */
    public static String typeOf(String id, String argument) {
        return decode(id, argument)[0];
    }

    /** The key of an id of the expected type, or throws BAD_USER_INPUT naming the argument. */
    public static long key(String id, String expectedType, String argument) {
        return keys(id, expectedType, 1, argument)[0];
    }

    /** The key parts of an id of the expected type with that many parts, or throws BAD_USER_INPUT naming the argument. */
    public static long[] keys(String id, String expectedType, int count, String argument) {
        String[] parts = decode(id, argument);
        if (!parts[0].equals(expectedType) || parts.length != count + 1) {
            throw new BadUserInputException(argument, "not a " + expectedType + " id");
        }
        long[] keys = new long[count];
        for (int i = 0; i < count; i++) {
            keys[i] = Long.parseLong(parts[i + 1]);
        }
        return keys;
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
            if ((parts.length == 2 || parts.length == 3) && !parts[0].isEmpty() && parts[1].matches("[1-9][0-9]{0,17}")
                    && (parts.length == 2 || parts[2].matches("0|[1-9][0-9]{0,17}"))) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // not base64: reported below
        }
        throw new BadUserInputException(argument, "malformed id");
    }
}
