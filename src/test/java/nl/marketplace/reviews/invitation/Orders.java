package nl.marketplace.reviews.invitation;

import static nl.marketplace.reviews.support.GraphQL.dataAs;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.Tokens;

/** Orders as the platform sends them (registerOrders, as an admin). */
final class Orders {

    private Orders() {
    }

    static Map<String, Object> order(String number, long partner, String customer, String email, LocalDate delivery, boolean optIn) {
        Map<String, Object> o = new HashMap<>();
        o.put("orderNumber", number);
        o.put("partnerId", TestData.partnerId(partner));
        o.put("customerId", customer);
        o.put("firstName", "Jenny");
        o.put("city", "Enschede");
        o.put("email", email);
        o.put("reviewOptIn", optIn);
        o.put("expectedDeliveryDate", delivery.toString());
        return o;
    }

    static JsonPath register(List<Map<String, Object>> orders) {
        return dataAs(Tokens.admin(), Operations.read("RegisterOrders"), "input", Map.of("orders", orders));
    }
}
