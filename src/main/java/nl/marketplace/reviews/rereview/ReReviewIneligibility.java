package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ReReviewIneligibility")
@Description("Why a re-review cannot be requested for a review now.")
public enum ReReviewIneligibility {
    @Description("It was requested before: once per review, ever.")
    ALREADY_REQUESTED,
    @Description("The partner has not emailed the customer about this review yet (emailCustomer).")
    CONTACT_REQUIRED,
    @Description("The review's current overall score is positive (the classes of Classification; 8-10 by default).")
    POSITIVE,
    @Description("The review is older than reviews.re-review.max-age-months (3 by default).")
    TOO_OLD
}
