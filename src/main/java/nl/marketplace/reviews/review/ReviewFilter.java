package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("ReviewFilter")
@Description("Filter beoordelingen: every condition given must hold.")
public record ReviewFilter(
        @Description("Lowest current overall score to include, 1-10.") Integer overallMin,
        @Description("Highest current overall score to include, 1-10; not below overallMin.") Integer overallMax,
        @Description("Only reviews whose current overall score is of this class.") Classification classification,
        @Description("Only reviews with a sub-score at or below a value.") SubScoreAtMost subScoreAtMost,
        @Description("true: only reviews with at least one revision; false: only reviews without.") Boolean revised,
        @Description("true: only reviews the partner replied to; false: only reviews without a reply.") Boolean replied,
        @Description("Only reviews given at or after this moment.") OffsetDateTime createdFrom,
        @Description("Only reviews given before this moment; later than createdFrom.") OffsetDateTime createdBefore,
        @Description("Only reviews whose pros, cons or revision comments hold every one of these words (up to 10 words, 200 characters; "
                + "plain words, no operators). Matched in Dutch and English on the word's stem as a prefix and on its synonyms, "
                + "so 'verpakking' also finds 'verpakt' and 'levering' finds 'geleverd'.") String text,
        @Description("Only reviews whose pros or cons mention this topic (a key of TopicShare.topic, such as verpakking).") String topic) {
}
