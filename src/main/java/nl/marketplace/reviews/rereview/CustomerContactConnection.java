package nl.marketplace.reviews.rereview;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.PageInfo;

@Type("CustomerContactConnection")
@Description("One page of the messages sent to a review's customer, newest first (Relay cursor connection).")
public record CustomerContactConnection(
        @NonNull @Description("The messages of this page with their cursors.") List<@NonNull CustomerContactEdge> edges,
        @NonNull @Description("The messages of this page, without cursors.") List<@NonNull CustomerContact> nodes,
        @NonNull @Description("Paging information of this page.") PageInfo pageInfo,
        @NonNull @Description("How many messages were sent about this review in all.") int totalCount) {

    /** A page of contacts, given one more than asked for (it tells whether a next page exists). */
    static CustomerContactConnection of(List<CustomerContact> fetched, int first, boolean after, int totalCount) {
        List<CustomerContact> page = fetched.size() > first ? fetched.subList(0, first) : fetched;
        List<CustomerContactEdge> edges = page.stream().map(c -> new CustomerContactEdge(ContactCursor.encode(c), c)).toList();
        return new CustomerContactConnection(edges, page, new PageInfo(fetched.size() > first, after,
                edges.isEmpty() ? null : edges.get(0).cursor(), edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()), totalCount);
    }
}
