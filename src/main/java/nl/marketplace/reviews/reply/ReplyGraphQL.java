package nl.marketplace.reviews.reply;

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
import nl.marketplace.reviews.review.ReviewService;

@GraphQLApi
@ClientSafeErrors
public class ReplyGraphQL {

    private final ReplyService replies;
    private final ReviewService reviews;

    public ReplyGraphQL(ReplyService replies, ReviewService reviews) {
        this.replies = replies;
        this.reviews = reviews;
    }

    @Mutation("reply")
    @Description("The review's partner only, never an administrator in its name (FORBIDDEN for anyone else): create or replace the public reply to one of its own reviews.")
    public Uni<@NonNull ReplyPayload> reply(@NonNull @Name("input") ReplyInput input) {
        Long key = GlobalId.keyOrNull(input.reviewId(), Review.TYPE);
        return payload(key == null ? notFound() : replies.reply(key, input.text()));
    }

    @Mutation("deleteReply")
    @Description("The review's partner only, never an administrator in its name (FORBIDDEN for anyone else): remove the public reply to one of its own reviews (nothing happens when there is none).")
    public Uni<@NonNull ReplyPayload> deleteReply(@NonNull @Name("input") DeleteReplyInput input) {
        Long key = GlobalId.keyOrNull(input.reviewId(), Review.TYPE);
        return payload(key == null ? notFound() : replies.delete(key));
    }

    @NonNull
    @Name("viewerCanReply")
    @Description("Whether the caller may reply to the review, edit or delete its reply (reply, deleteReply): it is the review's partner.")
    public Boolean viewerCanReply(@Source Review review) {
        return replies.viewerCanReply(review);
    }

    private Uni<ReplyPayload> payload(Uni<Outcome<Long>> outcome) {
        return outcome.chain(o -> o.isOk()
                ? reviews.get(o.value()).map(review -> new ReplyPayload(review, o.userErrors()))
                : Uni.createFrom().item(new ReplyPayload(null, o.userErrors())));
    }

    private static Uni<Outcome<Long>> notFound() {
        return Uni.createFrom().item(Outcome.reviewNotFound());
    }
}
