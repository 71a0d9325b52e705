package nl.marketplace.reviews.alert;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;

@GraphQLApi
@ClientSafeErrors
public class AlertGraphQL {

    private final AlertService alerts;

    public AlertGraphQL(AlertService alerts) {
        this.alerts = alerts;
    }

    @Mutation("setNegativeReviewAlert")
    @Description("The partner only (FORBIDDEN for anyone else, administrators too): a mail when a negative review or a revision to a "
            + "negative score arrives, at once or as a daily digest, with a link to the review on the dashboard; OFF stops it.")
    public Uni<@NonNull SetNegativeReviewAlertPayload> setNegativeReviewAlert(@NonNull @Name("input") SetNegativeReviewAlertInput input) {
        long partnerKey = GlobalId.key(input.partnerId(), Partner.TYPE, "input.partnerId");
        return alerts.set(partnerKey, input).map(o -> new SetNegativeReviewAlertPayload(o.isOk() ? o.value() : null, o.userErrors()));
    }

    @Name("negativeReviewAlert")
    @Description("The partner or an administrator: the partner's mail about negative reviews; null when it has none. FORBIDDEN (and "
            + "null) for anyone else.")
    public Uni<NegativeReviewAlert> negativeReviewAlert(@Source Partner partner) {
        return alerts.get(partner);
    }

}
