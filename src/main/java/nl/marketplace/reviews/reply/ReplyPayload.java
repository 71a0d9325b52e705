package nl.marketplace.reviews.reply;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;
import nl.marketplace.reviews.review.Review;

@Type("ReplyPayload")
@Description("The result of reply and deleteReply.")
public record ReplyPayload(
        @Description("The review as it is now, with its reply; null when the input was refused.") Review review,
        @NonNull @Description("Why the input was refused; empty on success.") List<@NonNull UserError> userErrors) {
}
