package nl.marketplace.reviews.trusteddocument;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;
import nl.marketplace.reviews.graphql.UserError;

@Type("TrustedDocumentsPayload")
@Description("The result of registerTrustedDocuments and unlistTrustedDocuments.")
public record TrustedDocumentsPayload(
        @Description("How many of the app version's operations are listed now (register), or were listed (unlist); null when refused.") Integer listed,
        @Description("How many of them the service had not stored before (register).") Integer newDocuments,
        @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
