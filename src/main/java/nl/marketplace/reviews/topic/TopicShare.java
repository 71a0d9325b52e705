package nl.marketplace.reviews.topic;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("TopicShare")
@Description("How many of the reviews mention one topic (tip 7: \"in 20% van de klantenbeoordelingen [werd] de verpakking genoemd\"): "
        + "a review mentions it when its pros or cons hold one of the topic's words (matched like ReviewFilter.text). Percentages are "
        + "whole, rounded half-up, of the reviews of the period; null when there are none.")
public record TopicShare(
        @NonNull @Description("The topic's key (verpakking, levering, productkwaliteit, productinformatie, klantenservice, prijs, "
                + "or as configured); ReviewFilter.topic takes it.") String topic,
        @NonNull @Description("Reviews that mention the topic in their pros or cons.") Integer mentionCount,
        @Description("mentionCount as a percentage of the period's reviews.") Integer mentionPercentage,
        @NonNull @Description("Reviews that mention it in their pros (positief).") Integer prosCount,
        @Description("prosCount as a percentage.") Integer prosPercentage,
        @NonNull @Description("Reviews that mention it in their cons (negatief).") Integer consCount,
        @Description("consCount as a percentage.") Integer consPercentage,
        @Description("The share of all partners' reviews that mention it, over the 3-month window of platformDay; null for months "
                + "and before the platform's figures were first computed.") Integer platformPercentage,
        @Description("The same in the pros.") Integer platformProsPercentage,
        @Description("The same in the cons.") Integer platformConsPercentage) {
}
