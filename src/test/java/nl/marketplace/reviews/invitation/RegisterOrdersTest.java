package nl.marketplace.reviews.invitation;

import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.postAs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;
import nl.marketplace.reviews.support.TestClock;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class RegisterOrdersTest {

    @Test
    void goodRowsAreKeptBadRowsReportedAndAResentBatchDoublesNothing() {
        long partner = TestData.partner("Order partner");
        String p = "R-" + UUID.randomUUID() + "-";
        LocalDate day = LocalDate.of(2026, 5, 1);
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(Orders.order(p + 1, partner, "C1", "a@example.com", day, true));
        Map<String, Object> badDate = Orders.order(p + 2, partner, "C2", "b@example.com", day, true);
        badDate.put("expectedDeliveryDate", "01-05-2026");
        batch.add(badDate);
        batch.add(Orders.order(p + 3, 987654321L, "C3", "c@example.com", day, true));
        batch.add(Orders.order(p + 1, partner, "C4", "d@example.com", day, true)); // duplicate in batch
        batch.add(Orders.order(p + 5, partner, "C5", "not-an-email", day, false));
        Map<String, Object> malformedPartner = Orders.order(p + 6, partner, "C6", "f@example.com", day, true);
        malformedPartner.put("partnerId", "???");
        batch.add(malformedPartner);
        Map<String, Object> badLocale = Orders.order(p + 7, partner, "C7", "g@example.com", day, true);
        badLocale.put("locale", "de");
        batch.add(badLocale);
        Map<String, Object> english = Orders.order(p + 8, partner, "C8", "h@example.com", day, false);
        english.put("locale", "en");
        batch.add(english);
        Map<String, Object> emptyName = Orders.order(p + 9, partner, "C9", "i@example.com", day, true);
        emptyName.put("firstName", "  ");
        batch.add(emptyName);

        JsonPath answer = Orders.register(batch);
        assertEquals(2, answer.getInt("data.registerOrders.registered"));
        assertEquals(0, answer.getInt("data.registerOrders.alreadyRegistered"));
        assertEquals(List.of("INVALID", "UNKNOWN_PARTNER", "DUPLICATE", "INVALID", "UNKNOWN_PARTNER", "INVALID", "INVALID"),
                answer.getList("data.registerOrders.userErrors.code"));
        assertEquals(List.of("input", "orders", "1", "expectedDeliveryDate"), answer.getList("data.registerOrders.userErrors[0].field"));
        assertEquals(List.of("input", "orders", "2", "partnerId"), answer.getList("data.registerOrders.userErrors[1].field"));
        assertEquals(List.of("input", "orders", "4", "email"), answer.getList("data.registerOrders.userErrors[3].field"));
        assertEquals(2, TestData.count("SELECT count(*) FROM customer_order WHERE order_number LIKE '" + p + "%'"));
        assertEquals(1, TestData.count("SELECT count(*) FROM customer_order WHERE order_number = '" + p + "8' AND customer_locale = 'en'"));

        JsonPath again = Orders.register(batch);
        assertEquals(0, again.getInt("data.registerOrders.registered"));
        assertEquals(2, again.getInt("data.registerOrders.alreadyRegistered"));
        assertEquals(2, TestData.count("SELECT count(*) FROM customer_order WHERE order_number LIKE '" + p + "%'"));
    }

    @Test
    void onlyThePlatformRegistersOrders() {
        long partner = TestData.partner("Pushy partner");
        String number = "X-" + UUID.randomUUID();
        List<Map<String, Object>> batch = List.of(Orders.order(number, partner, "C1", "a@example.com", TestClock.today(), true));
        for (String caller : new String[] { null, Tokens.partner(partner) }) {
            JsonPath answer = postAs(caller, Operations.read("RegisterOrders"), "input", Map.of("orders", batch));
            assertEquals(List.of("FORBIDDEN"), errorCodes(answer));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM customer_order WHERE order_number = '" + number + "'"));
    }

    @Test
    void aBatchHasOneToAThousandOrders() {
        long partner = TestData.partner("Bulk partner");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Orders.order("B-" + UUID.randomUUID(), partner, "C" + i, "a@example.com", TestClock.today(), true));
        }
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(postAs(Tokens.admin(), Operations.read("RegisterOrders"), "input",
                Map.of("orders", tooMany))));
        assertEquals(List.of("BAD_USER_INPUT"), errorCodes(postAs(Tokens.admin(), Operations.read("RegisterOrders"), "input",
                Map.of("orders", List.of()))));
        assertEquals(1000, Orders.register(tooMany.subList(0, 1000)).getInt("data.registerOrders.registered"));
    }
}
