package nl.marketplace.reviews.review;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("SubScores")
@Description("A review's four sub-scores (deelcijfers), each 1-10 and optional. They never change, not even with a re-review.")
public record SubScores(
        @Description("Levertijd: was it delivered when promised.") Integer deliveryTime,
        @Description("Productinformatie: did the product match its description.") Integer productInformation,
        @Description("Bezorging: the shipping itself (packaging, carrier, split parcels).") Integer delivery,
        @Description("Contact: only when the customer had contact with the partner.") Integer contact) {
}
