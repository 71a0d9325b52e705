package nl.marketplace.reviews.invitation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Enum;

@Enum("InvitationStatus")
@Description("Where an order's review invitation stands, and so why an order got none.")
public enum InvitationStatus {
    @Description("The customer did not opt in to review mails: no invitation is ever sent.")
    NOT_OPTED_IN,
    @Description("The invitation goes out on a day from firstDay through lastDay on which the customer gets no other platform mail.")
    WAITING,
    @Description("The invitation was sent (sentAt).")
    SENT,
    @Description("The days from firstDay through lastDay passed without an invitation: the customer got another platform mail on each.")
    EXPIRED_UNSENT,
    @Description("The customer reviewed the order before an invitation went out.")
    REVIEWED_WITHOUT_INVITATION
}
