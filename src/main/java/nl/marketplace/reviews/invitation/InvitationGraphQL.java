package nl.marketplace.reviews.invitation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.review.ReviewService;

@GraphQLApi
@ClientSafeErrors
public class InvitationGraphQL {

    private final InvitationService invitations;
    private final ReviewService reviews;

    public InvitationGraphQL(InvitationService invitations, ReviewService reviews) {
        this.invitations = invitations;
        this.reviews = reviews;
    }

    @Mutation("submitReview")
    @Description("Customer, with the token from the invitation mail (no sign-in): the review of the order. One review "
            + "per order; the token works once; the review counts in the partner's score at once.")
    public Uni<@NonNull SubmitReviewPayload> submitReview(@NonNull @Name("input") SubmitReviewInput input) {
        return invitations.submitReview(input).chain(o -> o.isOk()
                ? reviews.get(o.value()).map(review -> new SubmitReviewPayload(review, o.userErrors()))
                : Uni.createFrom().item(new SubmitReviewPayload(null, o.userErrors())));
    }
}
