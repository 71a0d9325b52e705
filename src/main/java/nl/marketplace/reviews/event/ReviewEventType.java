package nl.marketplace.reviews.event;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

/**
 * Every change a partner's dashboard shows has one, published in the change's own transaction. The
 * list may grow (README, "Schema changes"): a client treats a type it does not know as "the review
 * changed" and reads it again.
 */
@Enum("ReviewEventType")
@Description("What happened to a partner's review. New values may be added: treat an unknown one as \"this review changed\" and read it again.")
public enum ReviewEventType {
    @Description("A customer gave a new review.")
    NEW_REVIEW,
    @Description("A customer gave a new overall score after a re-review request.")
    REVISION,
    @Description("The partner's public reply was created or changed.")
    REPLY,
    @Description("The partner's public reply was deleted.")
    REPLY_DELETED,
    @Description("The partner mailed the customer of the review (E-mail de klant).")
    CUSTOMER_EMAILED,
    @Description("The partner asked the customer for a new score (opnieuw laten beoordelen).")
    RE_REVIEW_REQUESTED,
    @Description("The partner asked for the review to be excluded.")
    EXCLUSION_REQUESTED,
    @Description("An administrator approved or rejected an exclusion request; approved, the review counts in no figure from now on.")
    EXCLUSION_DECIDED
}
