package nl.marketplace.reviews.partner;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import java.util.List;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;

@GraphQLApi
@ClientSafeErrors
public class PartnerGraphQL {

    private final PartnerService partners;
    private final PartnerLookAhead lookAhead;

    public PartnerGraphQL(PartnerService partners, PartnerLookAhead lookAhead) {
        this.partners = partners;
        this.lookAhead = lookAhead;
    }

    @Query("partners")
    @Description("Up to 100 partners at once, in the order of the ids (a list screen: shop names and, with score, their summaries). "
            + "An id that names no partner (delisted, unknown, or not a partner's id) gives null in its place, without an error, so one "
            + "missing shop does not empty the list.")
    // ids is [ID!]! in the schema: graphql.IdListArguments (SmallRye 2.17 rejects the values of an @Id list).
    public Uni<@NonNull List<Partner>> partners(@NonNull @Name("ids") @Description("1 to 100 partner ids (Partner.id).") List<@NonNull String> ids) {
        return partners.findByIds(ids);
    }

    @Query("partner")
    @Description("One partner by its id; null with a NOT_FOUND error when there is none.")
    public Uni<Partner> partner(@Id @NonNull @Name("id") @Description("The partner's global id.") String id) {
        long key = GlobalId.key(id, Partner.TYPE, "id");
        return lookAhead.load(key).orElseGet(() -> partners.get(key));
    }
}
