package nl.marketplace.reviews.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ReviewEventType")
@Description("What happened to a partner's review.")
public enum ReviewEventType {
    @Description("A customer gave a new review.")
    NEW_REVIEW,
    @Description("A customer gave a new overall score after a re-review request.")
    REVISION,
    @Description("The partner's public reply was created or changed.")
    REPLY
}
