package nl.marketplace.reviews.invitation;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("InvitationMonth")
@Description("What became of the partner's orders expected to be delivered in one month: the review invitations behind the review "
        + "count (an invitation goes out 3 to 18 days after the expected delivery, only to customers who opted in). "
        + "ordersRegistered = notOptedIn + waiting + sent + expiredUnsent + reviewedWithoutInvitation.")
public record InvitationMonth(
        @NonNull @Description("The first day of the month of the orders' expected delivery date.") LocalDate month,
        @NonNull @Description("Orders registered for the month.") Integer ordersRegistered,
        @NonNull @Description("Orders whose customer did not opt in to review mails: never invited.") Integer notOptedIn,
        @Description("notOptedIn as a whole percentage of ordersRegistered, rounded half-up; null without orders.") Integer notOptedInPercentage,
        @NonNull @Description("Opted-in orders whose invitation has not gone out yet (its days have not come or are running).") Integer waiting,
        @NonNull @Description("Invitations sent.") Integer sent,
        @NonNull @Description("Opted-in orders whose days passed without an invitation: the customer got another platform mail on "
                + "each of them (one platform mail a day).") Integer expiredUnsent,
        @NonNull @Description("Opted-in orders reviewed before their invitation went out.") Integer reviewedWithoutInvitation,
        @NonNull @Description("Reviews given through the invitations sent.") Integer reviewsFromInvitations,
        @Description("reviewsFromInvitations as a whole percentage of sent (the response rate), rounded half-up; null when none was sent.") Integer responsePercentage) {
}
