package nl.marketplace.reviews.alert;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("AlertFrequency")
@Description("When the partner hears of a negative review by mail.")
public enum AlertFrequency {
    @Description("No mail.")
    OFF,
    @Description("A mail within a minute of each negative review or revision to a negative score (one mail for those that arrive together).")
    IMMEDIATE,
    @Description("One mail a day at digestHour (Europe/Amsterdam) with the day's negative reviews, none on a day without.")
    DAILY_DIGEST
}
