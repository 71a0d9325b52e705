package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubScoreAtMost")
@Description("Selects reviews with a sub-score at or below a value.")
public record SubScoreAtMost(
        @Description("The category to look at; when absent, any of the four that the review has.") SubScoreCategory category,
        @NonNull @Description("The highest sub-score to include, 1-10.") Integer value) {
}
