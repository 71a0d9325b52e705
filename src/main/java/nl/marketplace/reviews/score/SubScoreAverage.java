package nl.marketplace.reviews.score;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SubScoreAverage")
@Description("The average of one sub-score over the counted reviews that have it.")
public record SubScoreAverage(
        @Description("The average, rounded half-up to one decimal; null when no counted review has this sub-score.") Double average,
        @NonNull @Description("How many counted reviews have this sub-score.") Integer count) {
}
