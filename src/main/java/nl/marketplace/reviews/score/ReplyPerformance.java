package nl.marketplace.reviews.score;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ReplyPerformance")
@Description("How often and how fast the partner replies to reviews (tip 1: \"Reageer snel, positief en persoonlijk\"), over the reviews "
        + "of a period, excluded reviews left out. A review not yet replied to counts only from the second day after the day it was "
        + "given (Europe/Amsterdam): the partner always has at least a full day to reply. Replies count when given before the end of "
        + "the score's day, also for the reviews of earlier months. Public: a shop page may say \"reageert meestal binnen 1 dag\".")
public record ReplyPerformance(
        @NonNull @Description("How many reviews count: given in the period, and replied to or given before the day before its last day.") Integer reviewCount,
        @NonNull @Description("How many of them have a reply.") Integer repliedCount,
        @Description("repliedCount as a whole percentage of reviewCount, rounded half-up; null when no review counts.") Integer replyPercentage,
        @NonNull @Description("How many of the counted reviews are negative (their current overall score).") Integer negativeReviewCount,
        @NonNull @Description("How many of the negative ones have a reply.") Integer negativeRepliedCount,
        @Description("negativeRepliedCount as a whole percentage of negativeReviewCount, rounded half-up; null when none counts.") Integer negativeReplyPercentage,
        @Description("The median time from a review to its reply, in whole seconds (rounded half-up), over the replied reviews; "
                + "null when none has a reply.") Long medianReplySeconds) {
}
