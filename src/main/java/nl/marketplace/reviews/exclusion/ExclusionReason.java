package nl.marketplace.reviews.exclusion;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ExclusionReason")
@Description("Why a partner asks for a review not to count (uitzonderingen).")
public enum ExclusionReason {
    @Description("The carrier caused the problem.")
    CARRIER,
    @Description("The platform caused the problem.")
    PLATFORM,
    @Description("The review is about the product, not the seller.")
    PRODUCT_NOT_SELLER,
    @Description("The review is abusive.")
    ABUSIVE,
    @Description("The review is fraudulent.")
    FRAUD,
    @Description("Another reason, explained in the text.")
    OTHER
}
