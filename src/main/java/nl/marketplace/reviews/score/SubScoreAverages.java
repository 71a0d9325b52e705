package nl.marketplace.reviews.score;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("SubScoreAverages")
@Description("Each sub-score category's own average; the headline score is never an average of these.")
public record SubScoreAverages(
        @NonNull @Description("Levertijd.") SubScoreAverage deliveryTime,
        @NonNull @Description("Productinformatie.") SubScoreAverage productInformation,
        @NonNull @Description("Bezorging.") SubScoreAverage delivery,
        @NonNull @Description("Contact.") SubScoreAverage contact) {
}
