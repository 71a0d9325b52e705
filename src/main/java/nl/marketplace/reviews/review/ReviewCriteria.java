package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A validated {@link ReviewFilter} in database terms. A record, so that connections with equal
 * criteria can share one count statement.
 */
public record ReviewCriteria(
        int overallMin,
        int overallMax,
        SubScoreCategory subScoreCategory,
        boolean anySubScore,
        Integer subScoreMax,
        Boolean revised,
        Boolean replied,
        OffsetDateTime createdFrom,
        OffsetDateTime createdBefore,
        /** The words of a text search (ReviewSearch), or null. */
        List<String> words,
        /** The words of a topic (ReviewTopics), any of which the pros or cons mention, or null. */
        List<String> topicWords) {
}
