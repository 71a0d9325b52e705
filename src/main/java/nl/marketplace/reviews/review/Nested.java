package nl.marketplace.reviews.review;

import nl.marketplace.reviews.graphql.Selection;

/**
 * Which nested fields of reviews to load in the statement that loads the reviews (look-ahead), so
 * that a page with its revisions and replies, or a review with its partner, is one statement. The
 * partner costs no read of its own: the statement joins the partner's row for its version already.
 */
public record Nested(boolean revisions, boolean reply, boolean partner) {

    public static final Nested NONE = new Nested(false, false, false);

    /** What the running resolver's client selected of each review at {@code prefix} ("" for the field itself). */
    public static Nested selectedAt(String... prefixes) {
        boolean revisions = false;
        boolean reply = false;
        boolean partner = false;
        for (String prefix : prefixes) {
            revisions |= Selection.selects(prefix + "revisions");
            reply |= Selection.selects(prefix + "reply");
            partner |= Selection.selects(prefix + "partner");
        }
        return new Nested(revisions, reply, partner);
    }
}
