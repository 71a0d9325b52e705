package nl.marketplace.reviews.invitation;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.partner.Partner;

/** The partner's invitation figures (private: the partner and administrators). */
@GraphQLApi
@ClientSafeErrors
public class InvitationFiguresGraphQL {

    private final InvitationFiguresService invitations;
    private final Batcher<InvitationFiguresService.MonthsKey, List<InvitationMonth>> monthsBatcher;

    public InvitationFiguresGraphQL(InvitationFiguresService invitations) {
        this.invitations = invitations;
        this.monthsBatcher = new Batcher<>("invitation-months", invitations::monthsFor);
    }

    @Name("invitationMonths")
    @Description("The partner or an administrator: per month of expected delivery, the orders registered and what became of their "
            + "review invitations, oldest first, ending with the current month. FORBIDDEN (and null) for anyone else.")
    public Uni<List<@NonNull InvitationMonth>> invitationMonths(@Source Partner partner,
            @DefaultValue("12") @Description("How many months, 1-36.") int last) {
        return monthsBatcher.load(invitations.monthsKey(partner, last));
    }

    @Name("orderInvitation")
    @Description("The partner or an administrator: the review invitation of one of the partner's orders, and why there is none. "
            + "Null with NOT_FOUND when the partner has no order with this number; FORBIDDEN for anyone else.")
    public Uni<OrderInvitation> orderInvitation(@Source Partner partner,
            @NonNull @Name("orderNumber") @Description("The order number (bestelnummer) as registered.") String orderNumber) {
        return invitations.order(partner, orderNumber);
    }
}
