package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("EmailCustomerInput")
@Description("A message from the partner to the customer of one of its reviews.")
public record EmailCustomerInput(
        @Id @NonNull @Description("The review's id.") String reviewId,
        @NonNull @Description("The message, 1-5,000 characters after trimming.") String message) {
}
