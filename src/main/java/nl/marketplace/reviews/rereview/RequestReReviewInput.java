package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RequestReReviewInput")
@Description("Which review to ask a new overall score for. The partner writes nothing in the request: "
        + "the platform sends a neutral mail.")
public record RequestReReviewInput(@Id @NonNull @Description("The review's id.") String reviewId) {
}
