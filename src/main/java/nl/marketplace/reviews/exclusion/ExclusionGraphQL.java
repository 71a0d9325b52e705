package nl.marketplace.reviews.exclusion;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewSellerView;
import nl.marketplace.reviews.review.ReviewService;
import nl.marketplace.reviews.security.CallerService;

@GraphQLApi
@ClientSafeErrors
public class ExclusionGraphQL {

    private final ExclusionService exclusions;
    private final ExclusionRepository repository;
    private final ReviewService reviews;
    private final CallerService callers;

    public ExclusionGraphQL(ExclusionService exclusions, ExclusionRepository repository, ReviewService reviews,
            CallerService callers) {
        this.exclusions = exclusions;
        this.repository = repository;
        this.reviews = reviews;
        this.callers = callers;
    }

    @Mutation("requestExclusion")
    @Description("The review's partner only, never an administrator in its name (FORBIDDEN for anyone else): ask for one of its reviews to be excluded (uitzondering), with a reason and an explanation. "
            + "The review keeps counting until an administrator approves.")
    public Uni<@NonNull ExclusionPayload> requestExclusion(@NonNull @Name("input") RequestExclusionInput input) {
        Long key = GlobalId.keyOrNull(input.reviewId(), Review.TYPE);
        return payload(key == null
                ? Uni.createFrom().item(Outcome.reviewNotFound())
                : exclusions.request(callers.current(), key, input.reason(), input.text()));
    }

    @Mutation("decideExclusion")
    @Description("Admin: approve or reject an open exclusion request. Approved, the review counts in nothing from now on.")
    public Uni<@NonNull ExclusionPayload> decideExclusion(@NonNull @Name("input") DecideExclusionInput input) {
        Long key = GlobalId.keyOrNull(input.exclusionId(), Exclusion.TYPE);
        return payload(key == null
                ? Uni.createFrom().item(Outcome.refused(UserErrorCode.NOT_FOUND, "No exclusion request with this id", "input", "exclusionId"))
                : exclusions.decide(callers.current(), key, input.decision(), input.note()));
    }

    @io.smallrye.graphql.api.Deprecated(reason = "Use sellerView { exclusions }: null without an error for other callers.")
    @Name("exclusions")
    @Description("Deprecated: use sellerView { exclusions }, which is null without an error for other callers. The review's partner or an "
            + "administrator: the exclusion requests for this review and their decisions, newest first. FORBIDDEN for others.")
    public Uni<List<@NonNull Exclusion>> exclusions(@Source Review review) {
        return exclusions.of(callers.current(), review);
    }

    @NonNull
    @Name("exclusions")
    @Description("The exclusion requests for this review and their decisions, newest first.")
    public Uni<List<@NonNull Exclusion>> sellerExclusions(@Source ReviewSellerView view) {
        return exclusions.of(callers.current(), view.review());
    }

    @NonNull
    @Name("viewerCanRequestExclusion")
    @Description("Whether requestExclusion would be accepted now for the caller: it is the review's partner, the review is not excluded and "
            + "has no open request.")
    public Uni<Boolean> viewerCanRequestExclusion(@Source Review review) {
        return exclusions.viewerCanRequest(callers.current(), review);
    }

    private Uni<ExclusionPayload> payload(Uni<Outcome<Long>> outcome) {
        return outcome.chain(o -> !o.isOk()
                ? Uni.createFrom().item(new ExclusionPayload(null, null, o.userErrors()))
                : repository.find(o.value()).chain(exclusion -> reviews.get(exclusion.reviewKey())
                        .map(review -> new ExclusionPayload(exclusion, review, o.userErrors()))));
    }
}
