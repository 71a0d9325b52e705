package nl.marketplace.reviews.topic;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TopicShares")
@Description("What the reviews of a period talk about: each configured topic's share.")
public record TopicShares(
        @Description("The first day of the month, for a month; null for the score's own reviews.") LocalDate month,
        @NonNull @Description("How many reviews the shares are of (excluded reviews left out).") Integer reviewCount,
        @NonNull @Description("Each topic, in key order.") List<@NonNull TopicShare> topics,
        @Description("The day whose 3-month window the platform's shares are over (computed daily by a job); null when none is "
                + "computed yet, and for months.") LocalDate platformDay) {
}
