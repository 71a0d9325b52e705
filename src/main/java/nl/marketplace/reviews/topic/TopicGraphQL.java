package nl.marketplace.reviews.topic;

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
import nl.marketplace.reviews.score.PartnerScore;
import nl.marketplace.reviews.score.PeriodCounts;
import nl.marketplace.reviews.score.ScoreService;

/** What the partner's reviews talk about, on its score (public, as the score is). */
@GraphQLApi
@ClientSafeErrors
public class TopicGraphQL {

    private final ScoreService scores;
    private final Batcher<PartnerScore, TopicShares> windowBatcher;
    private final Batcher<PeriodCounts.MonthlyKey, List<TopicShares>> monthlyBatcher;

    public TopicGraphQL(TopicService topics, ScoreService scores) {
        this.scores = scores;
        this.windowBatcher = new Batcher<>("topic-shares", topics::forScores);
        this.monthlyBatcher = new Batcher<>("monthly-topic-shares", topics::monthlyFor);
    }

    @Name("topics")
    @Description("What the score's reviews (its window, or all reviews when it fell back) talk about, beside all partners' reviews.")
    public Uni<@NonNull TopicShares> topics(@Source PartnerScore score) {
        return windowBatcher.load(score);
    }

    @Name("monthlyTopics")
    @Description("What the reviews of each of the last months talk about, oldest first, ending with the month of the score's day.")
    public Uni<@NonNull List<@NonNull TopicShares>> monthlyTopics(@Source PartnerScore score,
            @DefaultValue("12") @Description("How many months, 1-36.") int last) {
        return monthlyBatcher.load(new PeriodCounts.MonthlyKey(score, scores.months(last)));
    }
}
