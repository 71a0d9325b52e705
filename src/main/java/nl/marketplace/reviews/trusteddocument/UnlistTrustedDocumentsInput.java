package nl.marketplace.reviews.trusteddocument;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("UnlistTrustedDocumentsInput")
@Description("An app version that is no longer in use.")
public record UnlistTrustedDocumentsInput(
        @NonNull @Description("The app, as registered.") String client,
        @NonNull @Description("Its version, as registered.") String version) {
}
