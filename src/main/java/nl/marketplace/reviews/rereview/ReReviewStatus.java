package nl.marketplace.reviews.rereview;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("ReReviewStatus")
@Description("Where a review's re-review stands.")
public enum ReReviewStatus {
    @Description("No re-review was requested (\"Opnieuw laten beoordelen\" may show, see `eligible`).")
    NOT_REQUESTED,
    @Description("The request was mailed to the customer (\"Beoordelingsverzoek verzonden\" with requestedAt).")
    SENT,
    @Description("The customer gave a new overall score: the review's newest revision.")
    COMPLETED,
    @Description("The customer did not answer before expiresAt; a review can be asked once, so this is final.")
    EXPIRED
}
