package nl.marketplace.reviews.order;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("RegisterOrdersInput")
@Description("A batch of 1 to 1,000 orders.")
public record RegisterOrdersInput(@NonNull @Description("The orders.") List<@NonNull OrderInput> orders) {
}
