package nl.marketplace.reviews.node;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Node;
import nl.marketplace.reviews.graphql.NotFoundException;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewService;
import nl.marketplace.reviews.review.Revision;

/** {@code node(id)}: refetches any object by its global id. */
@GraphQLApi
@ClientSafeErrors
public class NodeGraphQL {

    private final PartnerService partners;
    private final ReviewService reviews;

    public NodeGraphQL(PartnerService partners, ReviewService reviews) {
        this.partners = partners;
        this.reviews = reviews;
    }

    @Query("node")
    @Description("Any object by its global id; null with a NOT_FOUND error when there is none.")
    public Uni<Node> node(@Id @NonNull @Name("id") @Description("A global id.") String id) {
        String type = GlobalId.typeOf(id, "id");
        return switch (type) {
            case Partner.TYPE -> partners.get(GlobalId.key(id, Partner.TYPE, "id")).map(Node.class::cast);
            case Review.TYPE -> reviews.get(GlobalId.key(id, Review.TYPE, "id")).map(Node.class::cast);
            case Revision.TYPE -> reviews.revision(GlobalId.key(id, Revision.TYPE, "id")).map(Node.class::cast);
            default -> Uni.createFrom().failure(new NotFoundException("No object with this id"));
        };
    }
}
