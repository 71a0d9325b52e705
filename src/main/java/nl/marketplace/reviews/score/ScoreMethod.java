package nl.marketplace.reviews.score;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ScoreMethod")
@Description("Which reviews a partner score was computed over.")
public enum ScoreMethod {
    @Description("The reviews of the last 3 months (the window): the partner received at least 5 in it.")
    LAST_3_MONTHS,
    @Description("All of the partner's reviews, because fewer than 5 were received in the last 3 months.")
    ALL_REVIEWS
}
