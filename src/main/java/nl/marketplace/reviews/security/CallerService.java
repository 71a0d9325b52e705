package nl.marketplace.reviews.security;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;

/**
 * Reads the caller from the bearer JWT (smallrye-jwt verified it): role {@code partner} with the
 * claim {@code partner_id} (the partner's global id), or role {@code admin}. No token: anonymous.
 */
@ApplicationScoped
public class CallerService {

    public static final String PARTNER_ROLE = "partner";
    public static final String ADMIN_ROLE = "admin";
    public static final String PARTNER_CLAIM = "partner_id";

    private final SecurityIdentity identity;

    public CallerService(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** When the caller's token stops being valid (null: anonymous, or a token without exp). */
    public java.time.Instant expiresAt() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
            return java.time.Instant.ofEpochSecond(jwt.getExpirationTime());
        }
        return null;
    }

    /** The caller as Query.viewer shows it; null when anonymous. */
    public Viewer viewer() {
        Caller caller = current();
        return caller.signedIn() ? new Viewer(caller.partnerKey(), caller.admin()) : null;
    }

    public Caller current() {
        return of(identity);
    }

    /** The caller of a verified identity (the HTTP edge has one before CDI's request scope does). */
    public static Caller of(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        boolean admin = identity.hasRole(ADMIN_ROLE);
        Long partner = null;
        if (identity.hasRole(PARTNER_ROLE) && identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claim = jwt.getClaim(PARTNER_CLAIM);
            if (claim != null) {
                try {
                    partner = GlobalId.key(claim.toString().replace("\"", ""), Partner.TYPE, PARTNER_CLAIM);
                } catch (BadUserInputException e) {
                    throw new ForbiddenException("The token's partner_id claim is not a partner id");
                }
            }
        }
        return new Caller(partner, admin, identity.getPrincipal().getName());
    }
}
