package nl.marketplace.reviews.graphql;

/**
 * Text input rules shared by the mutations: trimming, lengths, and the characters a text may hold.
 * Free texts (replies, messages, reasons, pros and cons) may hold line breaks and tabs and no other
 * control character; single-line fields (names, cities, numbers, ids) hold none; NUL, and halves of
 * a surrogate pair without the other half, are never accepted. A refused text is a userError
 * INVALID naming the field, and nothing is stored.
 */
public final class Texts {

    private Texts() {
    }

    /** The text without white space at either end (Unicode's, no-break spaces and zero-width ones included), or null when nothing is left. */
    public static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && blank(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && blank(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return start == end ? null : text.substring(start, end);
    }

    private static boolean blank(int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == 0x200B || c == 0xFEFF || c == 0x180E;
    }

    /** Null, or what is wrong with a trimmed free text (to follow "The text …"). */
    public static String problem(String trimmed, int max) {
        return problem(trimmed, max, false);
    }

    /** Null when an optional free text is absent (null after trimming) or fine, else what is wrong with it. */
    public static String optionalProblem(String trimmed, int max) {
        return trimmed == null ? null : problem(trimmed, max);
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    /** Null, or what is wrong with a trimmed mail address: one line of at most 320 characters, local@domain.tld. */
    public static String emailProblem(String trimmed) {
        return lineProblem(trimmed, 320) != null || !EMAIL.matcher(trimmed).matches() ? "not an email address" : null;
    }

    /** Null, or what is wrong with a trimmed single-line text such as a name or a city. */
    public static String lineProblem(String trimmed, int max) {
        return problem(trimmed, max, true);
    }

    private static String problem(String trimmed, int max, boolean singleLine) {
        if (trimmed == null || trimmed.codePointCount(0, trimmed.length()) > max) {
            return "must have 1 to " + max + " characters";
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < trimmed.length() && Character.isLowSurrogate(trimmed.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c)) {
                return "must be valid Unicode (it has half of a surrogate pair)";
            }
            boolean control = Character.getType(c) == Character.CONTROL;
            if (control && (singleLine || (c != '\n' && c != '\r' && c != '\t'))) {
                return singleLine ? "must be one line without control characters"
                        : "must not hold control characters other than line breaks and tabs";
            }
        }
        return null;
    }
}
