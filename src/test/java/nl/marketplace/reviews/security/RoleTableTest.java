package nl.marketplace.reviews.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Who may do what, every cell: each operation that is not public, for the review's partner, another
 * partner, an administrator, nobody, a token with both groups (the review's partner and admin) and a
 * partner token without partner_id. A refused cell answers FORBIDDEN and changes nothing in the
 * database; an allowed cell is not refused (it may still have userErrors of its own).
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class RoleTableTest {

    enum Who {
        OWNER, OTHER_PARTNER, ADMIN, ANONYMOUS, OWNER_AND_ADMIN, PARTNER_WITHOUT_ID
    }

    private static long owner;
    private static long other;
    private static long review;
    private static String exclusionId;

    @BeforeAll
    static void data() {
        owner = TestData.partner("Role table partner");
        other = TestData.partner("Role table other partner");
        review = TestData.review(owner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
        long exclusion = TestData.count("INSERT INTO review_exclusion (review_id, reason, text, requested_by, requested_at) VALUES ("
                + review + ", 'CARRIER', 'Kwijt', 'partner-" + owner + "', " + TestData.timestamp(TestClock.now()) + ") RETURNING id");
        exclusionId = nl.marketplace.reviews.graphql.GlobalId.encode(nl.marketplace.reviews.exclusion.Exclusion.TYPE, exclusion);
    }

    private static String token(Who who) {
        return switch (who) {
            case OWNER -> Tokens.partner(owner);
            case OTHER_PARTNER -> Tokens.partner(other);
            case ADMIN -> Tokens.admin();
            case ANONYMOUS -> null;
            case OWNER_AND_ADMIN -> Tokens.partnerAndAdmin(owner);
            case PARTNER_WITHOUT_ID -> Tokens.partnerWithoutId();
        };
    }

    /** One operation: how to call it, and who may. */
    private record Operation(String name, Function<String, JsonPath> call, List<Who> allowed) {
    }

    private static final List<Who> PARTNER_ACTION = List.of(Who.OWNER, Who.OWNER_AND_ADMIN);
    private static final List<Who> PRIVATE_READ = List.of(Who.OWNER, Who.ADMIN, Who.OWNER_AND_ADMIN);
    private static final List<Who> PLATFORM = List.of(Who.ADMIN, Who.OWNER_AND_ADMIN);

    private static JsonPath reviewField(String token, String field) {
        return GraphQL.postAs(token, "query($id: ID!) { review(id: $id) { " + field + " } }", "id", TestData.reviewId(review));
    }

    private static Map<String, Object> onReview(Object... more) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("reviewId", TestData.reviewId(review)));
        for (int i = 0; i < more.length; i += 2) {
            input.put((String) more[i], more[i + 1]);
        }
        return input;
    }

    private static List<Operation> operations() {
        return List.of(
                new Operation("reply", t -> GraphQL.postAs(t, Operations.read("Reply"), "input", onReview("text", "Antwoord")),
                        PARTNER_ACTION),
                new Operation("deleteReply", t -> GraphQL.postAs(t, Operations.read("DeleteReply"), "input", onReview()), PARTNER_ACTION),
                new Operation("emailCustomer", t -> GraphQL.postAs(t, Operations.read("EmailCustomer"), "input",
                        onReview("message", "Hallo")), PARTNER_ACTION),
                new Operation("requestReReview", t -> GraphQL.postAs(t, Operations.read("RequestReReview"), "input", onReview()),
                        PARTNER_ACTION),
                new Operation("requestExclusion", t -> GraphQL.postAs(t, Operations.read("RequestExclusion"), "input",
                        onReview("reason", "OTHER", "text", "Klopt niet")), PARTNER_ACTION),
                new Operation("decideExclusion", t -> GraphQL.postAs(t, Operations.read("DecideExclusion"), "input",
                        Map.of("exclusionId", exclusionId, "decision", "REJECTED", "note", "Nee")), PLATFORM),
                new Operation("registerOrders", t -> GraphQL.postAs(t, Operations.read("RegisterOrders"), "input",
                        Map.of("orders", List.of(Map.of("orderNumber", "ROLE-" + java.util.UUID.randomUUID(), "partnerId",
                                TestData.partnerId(owner), "customerId", "K-role-" + java.util.UUID.randomUUID(), "firstName", "Jenny", "city", "Enschede", "email",
                                "role@example.com", "reviewOptIn", false, "expectedDeliveryDate", "2026-01-01")))), PLATFORM),
                new Operation("review.orderNumber", t -> reviewField(t, "orderNumber"), PRIVATE_READ),
                new Operation("review.contacts", t -> reviewField(t, "contacts { message }"), PRIVATE_READ),
                new Operation("review.customerContacts", t -> reviewField(t, "customerContacts { totalCount nodes { message } }"), PRIVATE_READ),
                new Operation("review.reReview", t -> reviewField(t, "reReview { status }"), PRIVATE_READ),
                new Operation("review.exclusions", t -> reviewField(t, "exclusions { reason }"), PRIVATE_READ),
                new Operation("review (public)", t -> reviewField(t, "overall authorName reply { text }"), List.of(Who.values())));
    }

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Operation operation : operations()) {
            for (Who who : Who.values()) {
                cells.add(Arguments.of(operation.name(), who, operation));
            }
        }
        return cells.stream();
    }

    /** Everything a refused call could have changed. */
    private static String digest() {
        return TestData.count("SELECT count(*) FROM outbox_mail") + "/" + TestData.count("SELECT count(*) FROM customer_order") + "/"
                + TestData.count("SELECT count(*) FROM review_event") + "/" + TestData.count("SELECT count(*) FROM review_exclusion") + "/"
                + TestData.count("SELECT count(*) FROM review_exclusion WHERE decision IS NOT NULL") + "/"
                + TestData.count("SELECT count(*) FROM re_review_request") + "/" + TestData.count("SELECT count(*) FROM customer_contact") + "/"
                + TestData.count("SELECT count(*) FROM reply") + "/"
                + TestData.count("SELECT coalesce(sum(hashtext(text)), 0) FROM reply WHERE review_id = " + review);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void everyCellOfTheRoleTable(String name, Who who, Operation operation) {
        boolean allowed = operation.allowed().contains(who);
        String before = allowed ? null : digest();
        JsonPath answer = operation.call().apply(token(who));
        List<String> codes = answer.getList("errors.extensions.code");
        if (allowed) {
            assertEquals(null, codes, name + " as " + who + " is allowed: " + answer.prettify());
        } else {
            assertEquals(List.of("FORBIDDEN"), codes, name + " as " + who + " is refused: " + answer.prettify());
            assertNotEquals(null, before);
            assertEquals(before, digest(), name + " as " + who + " changed something");
        }
    }
}
