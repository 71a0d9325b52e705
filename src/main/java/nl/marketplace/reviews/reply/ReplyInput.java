package nl.marketplace.reviews.reply;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("ReplyInput")
@Description("The partner's public reply to one of its reviews.")
public record ReplyInput(
        @Id @NonNull @Description("The review's id.") String reviewId,
        @NonNull @Description("The reply, 1-2,000 characters after trimming; replaces an earlier reply.") String text) {
}
