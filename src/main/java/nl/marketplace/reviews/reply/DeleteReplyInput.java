package nl.marketplace.reviews.reply;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("DeleteReplyInput")
@Description("Which review's reply to remove.")
public record DeleteReplyInput(@Id @NonNull @Description("The review's id.") String reviewId) {
}
