package nl.marketplace.reviews.review;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.PageInfo;

@Type("ReviewConnection")
@Description("One page of a partner's reviews (Relay cursor connection).")
public record ReviewConnection(
        @NonNull @Description("The reviews of this page with their cursors.") List<@NonNull ReviewEdge> edges,
        @NonNull @Description("The reviews of this page, without cursors.") List<@NonNull Review> nodes,
        @NonNull @Description("Paging information of this page.") PageInfo pageInfo,
        @Ignore long partnerKey,
        @Ignore long scoreVersion,
        @Ignore ReviewCriteria criteria) {

    /**
     * Identity, not value, equality: SmallRye's batch loaders cache by source object for the whole
     * request, so with value equality a connection loaded again after a mutation in the same request
     * would be answered from the cache with nested fields from before the change.
     */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
