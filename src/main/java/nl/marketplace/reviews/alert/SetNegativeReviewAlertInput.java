package nl.marketplace.reviews.alert;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SetNegativeReviewAlertInput")
@Description("Whether and how the partner hears of negative reviews by mail.")
public record SetNegativeReviewAlertInput(
        @Id @NonNull @Description("The partner's id (the signed-in partner's own).") String partnerId,
        @NonNull @Description("OFF stops the mails (and drops what waits for a digest).") AlertFrequency frequency,
        @Description("Where the mail goes; required unless OFF.") String email,
        @DefaultValue("8") @Description("The hour of the daily digest, 0-23, Europe/Amsterdam.") Integer digestHour,
        @DefaultValue("nl") @Description("The mail's language: nl or en.") String language) {
}
