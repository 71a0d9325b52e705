package nl.marketplace.reviews.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.security.CallerService;

@GraphQLApi
@ClientSafeErrors
public class OrderGraphQL {

    private final OrderService orders;
    private final CallerService callers;

    public OrderGraphQL(OrderService orders, CallerService callers) {
        this.orders = orders;
        this.callers = callers;
    }

    @Mutation("registerOrders")
    @Description("Admin (the platform): register up to 1,000 orders. Idempotent by order number, so a batch may be sent "
            + "again after a timeout; invalid rows are reported per row and the valid ones are kept.")
    public Uni<@NonNull RegisterOrdersPayload> registerOrders(@NonNull @Name("input") RegisterOrdersInput input) {
        return orders.register(callers.current(), input.orders());
    }
}
