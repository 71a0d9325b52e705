package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ReviewOrder")
@Description("The order of a list of reviews. Ties are broken by newest first.")
public enum ReviewOrder {
    @Description("Newest first (the default).")
    NEWEST,
    @Description("Oldest first.")
    OLDEST,
    @Description("Lowest current overall score first, then newest.")
    LOWEST_OVERALL,
    @Description("Highest current overall score first, then newest.")
    HIGHEST_OVERALL
}
