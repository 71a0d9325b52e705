package nl.marketplace.reviews.security;

/**
 * Who is calling: a signed-in partner (its key), an administrator of the platform, or nobody
 * (anonymous: the public read API only). {@code subject} is the token's subject: who, for the record.
 */
public record Caller(Long partnerKey, boolean admin, String subject) {

    public static final Caller ANONYMOUS = new Caller(null, false, null);

    public boolean signedIn() {
        return partnerKey != null || admin;
    }

    /** Nothing, or FORBIDDEN when this caller may not act for the partner. */
    public void requirePartner(long partner) {
        if (!mayActFor(partner)) {
            throw new ForbiddenException(signedIn() ? "This review belongs to another partner" : "Sign in as the review's partner");
        }
    }

    /** May read and act on the private data of this partner's reviews. */
    public boolean mayActFor(long partner) {
        return admin || (partnerKey != null && partnerKey == partner);
    }
}
