package nl.marketplace.reviews.graphql;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("PageInfo")
@Description("Where a page stands in its connection (Relay cursor connections).")
public record PageInfo(
        @NonNull @Description("Whether more items follow the last one of this page.") boolean hasNextPage,
        @NonNull @Description("Whether items come before the first one of this page (true when `after` was given).") boolean hasPreviousPage,
        @Description("The cursor of the first item of this page; null on an empty page.") String startCursor,
        @Description("The cursor of the last item of this page; pass it as `after` for the next page. Null on an empty page.") String endCursor) {
}
