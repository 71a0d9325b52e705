package nl.marketplace.reviews.trusteddocument;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RegisterTrustedDocumentsInput")
@Description("An app version's operations, as its build wrote them.")
public record RegisterTrustedDocumentsInput(
        @NonNull @Description("The app (1-64 letters, digits, '.', '_', '-'): \"ios\", \"android\", \"shop-web\".") String client,
        @NonNull @Description("Its version (1-64 letters, digits, '.', '_', '+', '-').") String version,
        @NonNull @Description("The manifest, as JSON text: Apollo's persisted-query manifest (format \"apollo-persisted-query-manifest\", "
                + "version 1, operations with id = SHA-256 of body), as Apollo's generate-persisted-query-manifest and GraphQL Code "
                + "Generator's client preset write it.") String manifest) {
}
