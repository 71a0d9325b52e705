package nl.marketplace.reviews.score;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Arguments;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;

@GraphQLApi
@ClientSafeErrors
public class ScoreGraphQL {

    private final ScoreService scores;
    private final PartnerService partners;
    private final Batcher<ScoreService.ScoreKey, PartnerScore> scoreBatcher;
    private final Batcher<ScoreService.MonthlyKey, List<MonthlyScore>> monthlyBatcher;
    private final Batcher<Long, Partner> partnerBatcher;

    public ScoreGraphQL(ScoreService scores, PartnerService partners) {
        this.scores = scores;
        this.partners = partners;
        this.scoreBatcher = new Batcher<>("partner-score", scores::scoresFor);
        this.monthlyBatcher = new Batcher<>("monthly-score", scores::monthlyFor);
        // Not @Source List: SmallRye's batch resolver builds a selection-set JSON per call (see graphql.Batcher).
        this.partnerBatcher = new Batcher<>("score-partner", Batcher.inOrder(partners::find));
    }

    @Query("partnerScore")
    @Description("One partner's score; null with a NOT_FOUND error when there is no such partner.")
    public Uni<PartnerScore> partnerScore(
            @Id @NonNull @Name("partnerId") @Description("The partner's global id.") String partnerId,
            @Description("Compute the score as of this moment (its day in Europe/Amsterdam) instead of now.") OffsetDateTime asOf) {
        long key = GlobalId.key(partnerId, Partner.TYPE, "partnerId");
        Arguments.moment(asOf, "asOf");
        return partners.get(key).chain(p -> scores.scores(List.of(p), asOf)).map(list -> list.get(0));
    }

    @io.smallrye.graphql.api.Deprecated(reason = "Use partners(ids:) { score }: null in place of an unknown id instead of failing the whole list.")
    @Query("partnerScores")
    @Description("Deprecated: use partners(ids:) { name score { … } }, which gives null for an unknown id instead of failing the list. "
            + "The scores of up to 100 partners at once, in the order of the ids (for a list screen of a mobile app). "
            + "Null with a NOT_FOUND error when any id names no partner.")
    public Uni<List<@NonNull PartnerScore>> partnerScores(
            // [String!]! rather than [ID!]!: SmallRye GraphQL 2.17 rejects every value of an @Id list argument.
            @NonNull @Name("partnerIds") @Description("1 to 100 partner ids (global ids, as `Partner.id`).") List<@NonNull String> partnerIds,
            @Description("Compute the scores as of this moment instead of now.") OffsetDateTime asOf) {
        if (partnerIds.isEmpty() || partnerIds.size() > Arguments.MAX_FIRST) {
            throw new BadUserInputException("partnerIds", "give 1 to " + Arguments.MAX_FIRST + " ids, not " + partnerIds.size());
        }
        Arguments.moment(asOf, "asOf");
        List<Long> keys = partnerIds.stream().map(id -> GlobalId.key(id, Partner.TYPE, "partnerIds")).toList();
        return partners.getAll(keys).chain(found -> scores.scores(found, asOf));
    }

    @Name("score")
    @Description("The partner's review score.")
    public Uni<@NonNull PartnerScore> score(@Source Partner partner,
            @Description("Compute the score as of this moment (its day in Europe/Amsterdam) instead of now.") OffsetDateTime asOf) {
        return scoreBatcher.load(new ScoreService.ScoreKey(partner, Arguments.moment(asOf, "asOf")));
    }

    @NonNull
    @Name("partner")
    @Description("The partner whose score this is (its name for a list screen, in the same request).")
    public Uni<Partner> partner(@Source PartnerScore score) {
        return partnerBatcher.load(score.partnerKey());
    }

    @Name("monthly")
    @Description("The average overall score of each of the last months, oldest first, ending with the month of the score's day "
            + "(which may still be running).")
    public Uni<@NonNull List<@NonNull MonthlyScore>> monthly(@Source PartnerScore score,
            @DefaultValue("12") @Description("How many months, 1-36.") int last) {
        return monthlyBatcher.load(new ScoreService.MonthlyKey(score.partnerKey(), score.scoreVersion(), score.asOfDay(), scores.months(last)));
    }
}
