package nl.marketplace.reviews.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Hostile texts over real HTTP, written as JSON escapes so that exactly these characters arrive:
 * each is a userError INVALID naming its field, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class HostileTextsTest {

    private static long partner;
    private static long review;

    @BeforeAll
    static void data() {
        partner = TestData.partner("Hostile texts partner");
        review = TestData.review(partner, 4, TestClock.now().minusDays(1), TestData.email(), "nl");
    }

    /** Posts a raw JSON body, as the partner or the admin. */
    private static JsonPath post(String token, String json) {
        return given().contentType("application/json").header("Authorization", "Bearer " + token).body(json)
                .when().post("/graphql").then().statusCode(200).extract().jsonPath();
    }

    static Stream<Arguments> hostileReplies() {
        return Stream.of(
                Arguments.of("only white space, no-break space included", " \\t\\n\\u00a0 "),
                Arguments.of("zero-width spaces only", "\\u200b\\ufeff"),
                Arguments.of("a lone low surrogate", "a\\udfffb"),
                Arguments.of("a lone high surrogate", "a\\ud83db"),
                Arguments.of("NUL", "a\\u0000b"),
                Arguments.of("a bell", "a\\u0007b"),
                Arguments.of("an escape sequence", "\\u001b[31mrood"),
                Arguments.of("a C1 control", "a\\u0085b"));
    }

    @ParameterizedTest(name = "reply: {0}")
    @MethodSource("hostileReplies")
    void aHostileReplyIsRefusedAndNotStored(String what, String escaped) {
        JsonPath answer = post(Tokens.partner(partner), "{\"query\":\"mutation($i: ReplyInput!) { reply(input: $i) { userErrors { field code } } }\","
                + "\"variables\":{\"i\":{\"reviewId\":\"" + TestData.reviewId(review) + "\",\"text\":\"" + escaped + "\"}}}");
        assertNull(answer.get("errors"), what + ": " + answer.prettify());
        assertEquals(List.of("INVALID"), answer.getList("data.reply.userErrors.code"), what);
        assertEquals(List.of(List.of("input", "text")), answer.getList("data.reply.userErrors.field"), what);
        assertEquals(0, TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review), what);
    }

    @Test
    void aReplyWithLineBreaksTabsAndEmojiIsKeptAsGiven() {
        JsonPath answer = post(Tokens.partner(partner), "{\"query\":\"mutation($i: ReplyInput!) { reply(input: $i) { userErrors { code } "
                + "review { reply { text } } } }\",\"variables\":{\"i\":{\"reviewId\":\"" + TestData.reviewId(review)
                + "\",\"text\":\"\\u00a0Dank je!\\r\\n\\tGroet \\ud83d\\ude00 \"}}}");
        assertEquals(List.of(), answer.getList("data.reply.userErrors"), answer.prettify());
        assertEquals("Dank je!\r\n\tGroet \ud83d\ude00", answer.getString("data.reply.review.reply.text"));
        TestData.execute("DELETE FROM reply WHERE review_id = " + review);
    }

    /** A bad row is refused on its own: the others of the batch are kept (a NUL used to fail the whole batch). */
    @Test
    void ordersWithHostileSingleLineFieldsAreRefusedRowByRow() {
        String p = "H-" + UUID.randomUUID() + "-";
        String[][] rows = {
                { p + "ok", "Jenny", "Enschede" },
                { p + "header", "Jenny", "Delft\\r\\nX-Evil: 1" },
                { p + "nul", "Jen\\u0000ny", "Enschede" },
                { p + "tab", "Jenny", "En\\tschede" },
                { p + "surrogate", "Jenny\\udfff", "Enschede" },
                { p + "blank", "\\u00a0\\u200b", "Enschede" },
                { p + "nul\\u0000number", "Jenny", "Enschede" } };
        StringBuilder orders = new StringBuilder();
        for (String[] row : rows) {
            orders.append(orders.length() == 0 ? "" : ",").append("{\"orderNumber\":\"").append(row[0]).append("\",\"partnerId\":\"")
                    .append(TestData.partnerId(partner)).append("\",\"customerId\":\"K-").append(UUID.randomUUID())
                    .append("\",\"firstName\":\"").append(row[1]).append("\",\"city\":\"").append(row[2])
                    .append("\",\"email\":\"h@example.com\",\"reviewOptIn\":true,\"expectedDeliveryDate\":\"2026-05-01\"}");
        }
        JsonPath answer = post(Tokens.admin(), "{\"query\":\"mutation($i: RegisterOrdersInput!) { registerOrders(input: $i) { registered "
                + "userErrors { field code } } }\",\"variables\":{\"i\":{\"orders\":[" + orders + "]}}}");
        assertNull(answer.get("errors"), answer.prettify());
        assertEquals(1, answer.getInt("data.registerOrders.registered"));
        assertEquals(List.of("INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID"),
                answer.getList("data.registerOrders.userErrors.code"));
        assertEquals(List.of(List.of("input", "orders", "1", "city"), List.of("input", "orders", "2", "firstName"),
                List.of("input", "orders", "3", "city"), List.of("input", "orders", "4", "firstName"),
                List.of("input", "orders", "5", "firstName"), List.of("input", "orders", "6", "orderNumber")),
                answer.getList("data.registerOrders.userErrors.field"));
        assertEquals(1, TestData.count("SELECT count(*) FROM customer_order WHERE order_number LIKE '" + p + "%'"));
    }
}
