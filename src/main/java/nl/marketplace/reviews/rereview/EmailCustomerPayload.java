package nl.marketplace.reviews.rereview;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Review;

@Type("EmailCustomerPayload")
@Description("The result of emailCustomer.")
public record EmailCustomerPayload(
        @Description("The message as kept; the mail goes out through the outbox.") CustomerContact contact,
        @Description("The review it is about.") Review review,
        @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
