package nl.marketplace.reviews.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("UserErrorCode")
@Description("Why a mutation refused its input. Stable: clients may switch on it.")
public enum UserErrorCode {
    @Description("A field is empty, too long or out of range.")
    INVALID,
    @Description("The id names no review (or no review of this kind).")
    NOT_FOUND,
    @Description("requestReReview: the partner must first email the customer about this review (emailCustomer).")
    CONTACT_REQUIRED,
    @Description("emailCustomer: the limit of customer mails about this review is reached (per day, or in all; see the README).")
    CONTACT_LIMIT,
    @Description("requestReReview: a re-review was requested for this review before; it can be asked once, ever.")
    ALREADY_REQUESTED,
    @Description("requestReReview: the review is positive or too old (ReReviewIneligibility says which).")
    NOT_ELIGIBLE,
    @Description("submitReReview, submitReview: the token is not one that the platform sent.")
    INVALID_TOKEN,
    @Description("submitReReview, submitReview: the token was used already.")
    TOKEN_USED,
    @Description("submitReReview, submitReview: the token has expired.")
    TOKEN_EXPIRED,
    @Description("registerOrders: the same order number twice in one batch.")
    DUPLICATE,
    @Description("registerOrders: the partner id names no partner.")
    UNKNOWN_PARTNER,
    @Description("requestExclusion: the review has an open exclusion request.")
    OPEN_REQUEST,
    @Description("requestExclusion: the review is excluded already.")
    ALREADY_EXCLUDED,
    @Description("requestExclusion: this reason was rejected for this review before; give another reason.")
    NEW_REASON_REQUIRED,
    @Description("decideExclusion: the request was decided already.")
    ALREADY_DECIDED
}
