package nl.marketplace.reviews.alert;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;

@Type("SetNegativeReviewAlertPayload")
@Description("The result of setNegativeReviewAlert.")
public record SetNegativeReviewAlertPayload(
        @Description("The setting as it is now; null when OFF or refused.") NegativeReviewAlert alert,
        @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
