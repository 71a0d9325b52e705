package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubmitReReviewInput")
@Description("The customer's new overall score, with the token from the re-review mail.")
public record SubmitReReviewInput(
        @NonNull @Description("The token of the link in the mail.") String token,
        @NonNull @Description("The new overall score, 1-10.") Integer overall,
        @Description("An optional short comment, up to 1,000 characters.") String comment) {
}
