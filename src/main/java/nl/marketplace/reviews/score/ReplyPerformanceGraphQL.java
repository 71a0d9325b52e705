package nl.marketplace.reviews.score;

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

/** Reply rate and speed on the partner's score (public, as the score is). */
@GraphQLApi
@ClientSafeErrors
public class ReplyPerformanceGraphQL {

    private final ScoreService scores;
    private final Batcher<PartnerScore, ReplyPerformance> windowBatcher;
    private final Batcher<PeriodCounts.MonthlyKey, List<MonthlyReplyPerformance>> monthlyBatcher;

    public ReplyPerformanceGraphQL(ReplyPerformanceService replies, ScoreService scores) {
        this.scores = scores;
        this.windowBatcher = new Batcher<>("reply-performance", replies::forScores);
        this.monthlyBatcher = new Batcher<>("monthly-reply-performance", replies::monthlyFor);
    }

    @Name("replies")
    @Description("How often and how fast the partner replies, over the same reviews as the score (its window, or all reviews "
            + "when it fell back).")
    public Uni<@NonNull ReplyPerformance> replies(@Source PartnerScore score) {
        return windowBatcher.load(score);
    }

    @Name("monthlyReplies")
    @Description("The reply rate and speed of each of the last months, oldest first, ending with the month of the score's day "
            + "(the months of `monthly`).")
    public Uni<@NonNull List<@NonNull MonthlyReplyPerformance>> monthlyReplies(@Source PartnerScore score,
            @DefaultValue("12") @Description("How many months, 1-36.") int last) {
        return monthlyBatcher.load(new PeriodCounts.MonthlyKey(score, scores.months(last)));
    }
}
