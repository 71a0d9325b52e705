package nl.marketplace.reviews.partner;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.review.Review;

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

    @Name("partner")
    @Description("The partner that the review is about.")
    public Uni<List<@NonNull Partner>> partner(@Source List<Review> reviews) {
        return partners.find(reviews.stream().map(Review::partnerKey).toList());
    }
}
