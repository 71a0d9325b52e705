package nl.marketplace.reviews.graphql;

/** Free-text input rules shared by the mutations. */
public final class Texts {

    private Texts() {
    }

    /** The text trimmed, or null when it is absent or blank. */
    public static String trimmed(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return t.isEmpty() ? null : t;
    }

    /** Whether a trimmed text fits: present and at most {@code max} characters (code points). */
    public static boolean fits(String trimmed, int max) {
        return trimmed != null && trimmed.codePointCount(0, trimmed.length()) <= max;
    }
}
