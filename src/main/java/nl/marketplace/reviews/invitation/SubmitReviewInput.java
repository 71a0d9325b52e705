package nl.marketplace.reviews.invitation;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("SubmitReviewInput")
@Description("The customer's review, with the token from the invitation mail.")
public record SubmitReviewInput(
        @NonNull @Description("The token of the link in the invitation.") String token,
        @NonNull @Description("Algemene beoordeling, 1-10 (mandatory).") Integer overall,
        @Description("Levertijd, 1-10.") Integer deliveryTime,
        @Description("Productinformatie, 1-10.") Integer productInformation,
        @Description("Bezorging, 1-10.") Integer delivery,
        @Description("Whether the customer had contact with the partner; only then may contact be given.") Boolean hadContact,
        @Description("Contact, 1-10; only with hadContact.") Integer contact,
        @Description("Pluspunt, up to 2,000 characters.") String pros,
        @Description("Minpunt, up to 2,000 characters.") String cons,
        @Description("Appear as \"Anoniem\" instead of \"<first name> uit <city>\".") Boolean anonymous) {
}
