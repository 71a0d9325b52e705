package nl.marketplace.reviews.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import nl.marketplace.reviews.graphql.UserError;

@Type("RegisterOrdersPayload")
@Description("The result of registerOrders: counts of the kept rows, and an error per refused row.")
public record RegisterOrdersPayload(
        @NonNull @Description("Orders registered by this call.") Integer registered,
        @NonNull @Description("Orders that were registered before (same order number): left as they were.") Integer alreadyRegistered,
        @NonNull @Description("The refused rows; field is [\"input\", \"orders\", index, field].") List<@NonNull UserError> userErrors) {
}
