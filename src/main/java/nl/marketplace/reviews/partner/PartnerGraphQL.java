package nl.marketplace.reviews.partner;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;

@GraphQLApi
@ClientSafeErrors
public class PartnerGraphQL {

    private final PartnerService partners;

    public PartnerGraphQL(PartnerService partners) {
        this.partners = partners;
    }

    @Query("partner")
    @Description("One partner by its id; null with a NOT_FOUND error when there is none.")
    public Uni<Partner> partner(@Id @NonNull @Name("id") @Description("The partner's global id.") String id) {
        return partners.get(GlobalId.key(id, Partner.TYPE, "id"));
    }
}
