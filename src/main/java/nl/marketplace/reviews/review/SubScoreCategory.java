package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("SubScoreCategory")
@Description("One of the four sub-score categories.")
public enum SubScoreCategory {
    @Description("Levertijd.")
    DELIVERY_TIME("delivery_time"),
    @Description("Productinformatie.")
    PRODUCT_INFORMATION("product_information"),
    @Description("Bezorging.")
    DELIVERY("delivery"),
    @Description("Contact.")
    CONTACT("contact");

    /** The review column that holds this sub-score. */
    final String column;

    SubScoreCategory(String column) {
        this.column = column;
    }
}
