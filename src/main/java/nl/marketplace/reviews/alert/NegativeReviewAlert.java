package nl.marketplace.reviews.alert;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("NegativeReviewAlert")
@Description("The partner's mail about negative reviews (a new review, or a revision to a score, in the negative class).")
public record NegativeReviewAlert(
        @NonNull @Description("IMMEDIATE or DAILY_DIGEST.") AlertFrequency frequency,
        @NonNull @Description("Where the mail goes.") String email,
        @NonNull @Description("The hour of the daily digest, 0-23, Europe/Amsterdam.") Integer digestHour,
        @NonNull @Description("The mail's language: nl or en.") String language) {
}
