package nl.marketplace.reviews.security;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

/** The caller as the API shows it: who the page is for, so that a client never decodes its own token. */
@Type("Viewer")
@Description("Who is asking: the signed-in partner or platform administrator (Query.viewer; null without sign-in). One per request: "
        + "a client cache keeps it as a singleton (Apollo: keyFields []).")
public record Viewer(
        @Ignore Long partnerKey,
        @NonNull @Description("Whether the caller is an administrator of the platform (orders, exclusion decisions).") Boolean administrator) {
}
