package nl.marketplace.reviews.order;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("OrderInput")
@Description("One order as the platform registers it. Fields are checked per row: a bad row is reported and the others are kept.")
public record OrderInput(
        @NonNull @Description("The order number (bestelnummer), 1-64 characters; orders are idempotent by it.") String orderNumber,
        @NonNull @Description("The partner's global id.") String partnerId,
        @NonNull @Description("The platform's id of the customer, 1-64 characters.") String customerId,
        @NonNull @Description("The customer's first name, for \"<first name> uit <city>\".") String firstName,
        @NonNull @Description("The customer's city.") String city,
        @NonNull @Description("Where review mails go.") String email,
        @NonNull @Description("Whether the customer opted in to review mails (in the buyer account).") Boolean reviewOptIn,
        @NonNull @Description("The expected delivery date, ISO yyyy-MM-dd.") String expectedDeliveryDate,
        @Description("The language of the customer's mails: \"nl\" (default) or \"en\".") String locale) {
}
