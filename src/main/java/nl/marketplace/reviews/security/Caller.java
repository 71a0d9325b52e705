package nl.marketplace.reviews.security;

/**
 * Who is calling: a signed-in partner (its key), an administrator of the platform, or nobody
 * (anonymous: the public read API only). {@code subject} is the token's subject: who, for the record.
 *
 * <p>The roles (README, "Who may do what"): a partner's private data may be read by that partner and
 * by administrators; what is done on a partner's reviews in its name (reply, customer mails,
 * re-review and exclusion requests) is done by that partner only, never by an administrator; the
 * platform's operations (orders, exclusion decisions) by administrators only. A token with both
 * groups is both; a partner token without a partner_id claim is no partner.
 */
public record Caller(Long partnerKey, boolean admin, String subject) {

    public static final Caller ANONYMOUS = new Caller(null, false, null);

    public boolean signedIn() {
        return partnerKey != null || admin;
    }

    /** Nothing, or FORBIDDEN when this caller may not read the private data of the partner's review. */
    public void requireReader(long partner) {
        requireReader(partner, "This review belongs to another partner", "Sign in as the review's partner");
    }

    /**
     * Nothing, or FORBIDDEN when this caller may not read the partner's private data, with the
     * message that names it: {@code notYours} for a partner signed in as another, {@code signIn} for
     * a caller not signed in.
     */
    public void requireReader(long partner, String notYours, String signIn) {
        if (!mayRead(partner)) {
            throw new ForbiddenException(signedIn() ? notYours : signIn);
        }
    }

    /** Nothing, or FORBIDDEN when this caller is not the partner itself (an administrator does not act in its name). */
    public void requirePartner(long partner) {
        if (!isPartner(partner)) {
            throw new ForbiddenException(partnerKey != null ? "This review belongs to another partner"
                    : admin ? "Only the review's partner does this, not an administrator" : "Sign in as the review's partner");
        }
    }

    /** Nothing, or FORBIDDEN when this caller is not an administrator of the platform. */
    public void requireAdmin(String what) {
        if (!admin) {
            throw new ForbiddenException("Only the platform " + what);
        }
    }

    /** May read the private data of this partner's reviews. */
    public boolean mayRead(long partner) {
        return admin || isPartner(partner);
    }

    /** Is this partner. */
    public boolean isPartner(long partner) {
        return partnerKey != null && partnerKey == partner;
    }
}
