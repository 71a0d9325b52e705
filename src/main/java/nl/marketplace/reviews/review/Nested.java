package nl.marketplace.reviews.review;

import nl.marketplace.reviews.graphql.Selection;

/**
 * Which nested fields of reviews to load in the statement that loads the reviews (look-ahead), so
 * that a page with its revisions and replies is one statement.
 */
public record Nested(boolean revisions, boolean reply) {

    public static final Nested NONE = new Nested(false, false);

    /** What the running resolver's client selected of each review at {@code prefix} ("" for the field itself). */
    public static Nested selectedAt(String... prefixes) {
        boolean revisions = false;
        boolean reply = false;
        for (String prefix : prefixes) {
            revisions |= Selection.selects(prefix + "revisions");
            reply |= Selection.selects(prefix + "reply");
        }
        return new Nested(revisions, reply);
    }
}
