package nl.marketplace.reviews.score;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.Node;

@Type("PartnerScore")
@Description("A partner's review score (the score circle of the seller dashboard and the summary of the shop page). "
        + "Every figure counts each review with its current overall score and leaves out excluded reviews.")
public record PartnerScore(
        @Id @NonNull @Description("The score's global id: the partner's score on one day (Europe/Amsterdam); the same from partnerScore and Partner.score, so a client cache keeps one copy.") String id,
        @Id @NonNull @Description("The partner's global id.") String partnerId,
        @Ignore long partnerKey,
        @Description("The headline score: the average of the overall scores (never of the sub-scores), rounded half-up to one decimal; null without reviews.") Double overall,
        @NonNull @Description("Which reviews the figures were computed over.") ScoreMethod method,
        @NonNull @Description("Whether fewer than 5 reviews were received in the last 3 months (\"minder dan 5 beoordelingen\").") Boolean fewerThanFiveReviews,
        @NonNull @Description("How many reviews the figures were computed over.") Integer reviewCount,
        @NonNull @Description("How many of them are positive.") Integer positiveCount,
        @NonNull @Description("How many of them are neutral.") Integer neutralCount,
        @NonNull @Description("How many of them are negative.") Integer negativeCount,
        @Description("Positive reviews as a whole percentage, rounded half-up (\"100% positief\"); null without reviews.") Integer positivePercentage,
        @Description("Positive plus neutral reviews as a whole percentage, rounded half-up; null without reviews.") Integer approvalPercentage,
        @Description("Whether the headline score reaches standardAverage, the marketplace's standard; null without reviews.") Boolean meetsStandard,
        @NonNull @Description("The average the marketplace calls good (8.0 unless configured): meetsStandard compares the rounded headline score with it.") Double standardAverage,
        @NonNull @Description("The average that makes a month a top performance (8.8 unless configured): MonthlyScore.topPerformance compares with it.") Double topPerformanceAverage,
        @NonNull @Description("Each sub-score's own average, over the same reviews.") SubScoreAverages subScores,
        @NonNull @Description("Start of the last-3-months window (inclusive): midnight, Europe/Amsterdam.") OffsetDateTime windowStart,
        @NonNull @Description("End of the window (exclusive): midnight after the asOf day, Europe/Amsterdam.") OffsetDateTime windowEnd,
        @Ignore LocalDate asOfDay,
        @Ignore long scoreVersion) implements Node {

    public static final String TYPE = "PartnerScore";

    @Override
    @Id
    @NonNull
    @Description("The score's global id: the partner's score on one day (Europe/Amsterdam); the same from partnerScore and Partner.score, so a client cache keeps one copy.")
    public String getId() {
        return id;
    }
}
