package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("Classification")
@Description("The class of a review's current overall score (configurable; by default positive 8-10, neutral 6-7, negative 1-5).")
public enum Classification {
    @Description("Positief: by default an overall score of 8 to 10.")
    POSITIVE,
    @Description("Neutraal: by default an overall score of 6 or 7.")
    NEUTRAL,
    @Description("Negatief: by default an overall score of 1 to 5.")
    NEGATIVE
}
