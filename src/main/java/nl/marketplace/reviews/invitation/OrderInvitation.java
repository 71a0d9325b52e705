package nl.marketplace.reviews.invitation;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("OrderInvitation")
@Description("The review invitation of one of the partner's orders: whether it went out, and if not, why. No customer data.")
public record OrderInvitation(
        @NonNull @Description("The order number (bestelnummer).") String orderNumber,
        @NonNull @Description("The expected delivery date the invitation days count from.") LocalDate expectedDeliveryDate,
        @NonNull @Description("Where the invitation stands.") InvitationStatus status,
        @NonNull @Description("The first day the invitation may go out (Europe/Amsterdam).") LocalDate firstDay,
        @NonNull @Description("The last day the invitation may go out; after it, it expires unsent.") LocalDate lastDay,
        @Description("When the invitation was sent; null when it was not.") OffsetDateTime sentAt,
        @NonNull @Description("Whether the order has a review.") Boolean reviewed) {
}
