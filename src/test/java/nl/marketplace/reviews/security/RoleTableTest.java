package nl.marketplace.reviews.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
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
 * partner token without partner_id. Every cell works on data of its own (a fresh review, reply,
 * contact or exclusion request), so cells cannot hide each other's outcome. A refused cell answers
 * FORBIDDEN and changes nothing in the database; an allowed cell does what it says: no error, no
 * userError, and its change is there (a userError refusal is not "allowed").
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class RoleTableTest {

    enum Who {
        OWNER, OTHER_PARTNER, ADMIN, ANONYMOUS, OWNER_AND_ADMIN, PARTNER_WITHOUT_ID
    }

    private static long owner;
    private static long other;

    @BeforeAll
    static void data() {
        owner = TestData.partner("Role table partner");
        other = TestData.partner("Role table other partner");
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

    /** What a cell works on: a fresh not-positive review of the owner (contacted once), and an open exclusion request of it. */
    private record Target(long review, String reviewId, String orderNumber, String exclusionId) {

        static Target fresh() {
            long review = TestData.review(owner, 4, TestClock.now().minusDays(2), TestData.email(), "nl");
            TestData.execute("INSERT INTO reply (review_id, text) VALUES (" + review + ", 'Eerder antwoord')");
            TestData.execute("INSERT INTO customer_contact (review_id, message, created_at) VALUES (" + review + ", 'Eerder bericht', "
                    + TestData.timestamp(TestClock.now().minusDays(1)) + ")");
            long exclusion = TestData.count("INSERT INTO review_exclusion (review_id, reason, text, requested_by, requested_at) VALUES ("
                    + review + ", 'CARRIER', 'Kwijt', 'partner-" + owner + "', " + TestData.timestamp(TestClock.now()) + ") RETURNING id");
            String orderNumber = TestData.string("SELECT o.order_number FROM customer_order o JOIN review r ON r.order_id = o.id WHERE r.id = "
                    + review);
            return new Target(review, TestData.reviewId(review), orderNumber,
                    nl.marketplace.reviews.graphql.GlobalId.encode(nl.marketplace.reviews.exclusion.Exclusion.TYPE, exclusion));
        }

        Map<String, Object> input(Object... more) {
            Map<String, Object> input = new java.util.HashMap<>(Map.of("reviewId", reviewId));
            for (int i = 0; i < more.length; i += 2) {
                input.put((String) more[i], more[i + 1]);
            }
            return input;
        }

        long count(String sqlWithReview) {
            return TestData.count(sqlWithReview.replace("$review", Long.toString(review)));
        }
    }

    /** One operation: how to call it, who may, and what an allowed call did (asserted on its answer and the database). */
    private record Operation(String name, BiFunction<String, Target, JsonPath> call, List<Who> allowed,
            BiConsumer<JsonPath, Target> didIt, java.util.function.Consumer<Target> prepare, String refusedAsNullAt) {

        Operation(String name, BiFunction<String, Target, JsonPath> call, List<Who> allowed, BiConsumer<JsonPath, Target> didIt) {
            this(name, call, allowed, didIt, t -> { }, null);
        }

        Operation(String name, BiFunction<String, Target, JsonPath> call, List<Who> allowed, BiConsumer<JsonPath, Target> didIt,
                java.util.function.Consumer<Target> prepare) {
            this(name, call, allowed, didIt, prepare, null);
        }
    }

    /** An app version's manifest of one operation, its own per cell. */
    private static Map<String, Object> manifest(Target t) {
        String body = "query Role" + t.review() + " { __typename }";
        return Map.of("client", "role-app", "version", "v" + t.review(), "manifest", "{\"format\":\"apollo-persisted-query-manifest\","
                + "\"version\":1,\"operations\":[{\"id\":\"" + nl.marketplace.reviews.trusteddocument.PersistedQueries.sha256(body)
                + "\",\"name\":\"Role\",\"type\":\"query\",\"body\":\"" + body + "\"}]}");
    }

    private static final String REGISTER_TRUSTED = "mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) "
            + "{ listed userErrors { field message code } } }";
    private static final String UNLIST_TRUSTED = "mutation($input: UnlistTrustedDocumentsInput!) { unlistTrustedDocuments(input: $input) "
            + "{ listed userErrors { field message code } } }";

    private static final List<Who> PARTNER_ACTION = List.of(Who.OWNER, Who.OWNER_AND_ADMIN);
    private static final List<Who> PRIVATE_READ = List.of(Who.OWNER, Who.ADMIN, Who.OWNER_AND_ADMIN);
    private static final List<Who> PLATFORM = List.of(Who.ADMIN, Who.OWNER_AND_ADMIN);

    private static JsonPath reviewField(String token, Target t, String field) {
        return GraphQL.postAs(token, "query($id: ID!) { review(id: $id) { " + field + " } }", "id", t.reviewId());
    }

    private static JsonPath partnerField(String token, String field) {
        return GraphQL.postAs(token, "query($id: ID!) { partner(id: $id) { " + field + " } }", "id", TestData.partnerId(owner));
    }

    private static void noUserErrors(JsonPath answer, String mutation) {
        assertEquals(List.of(), answer.getList("data." + mutation + ".userErrors"), answer.prettify());
    }

    private static List<Operation> operations() {
        return List.of(
                new Operation("reply", (tk, t) -> GraphQL.postAs(tk, Operations.read("Reply"), "input", t.input("text", "Antwoord")),
                        PARTNER_ACTION, (a, t) -> {
                            noUserErrors(a, "reply");
                            assertEquals("Antwoord", a.getString("data.reply.review.reply.text"));
                            assertEquals(1, t.count("SELECT count(*) FROM reply WHERE review_id = $review AND text = 'Antwoord'"));
                        }),
                new Operation("deleteReply", (tk, t) -> GraphQL.postAs(tk, Operations.read("DeleteReply"), "input", t.input()), PARTNER_ACTION,
                        (a, t) -> {
                            noUserErrors(a, "deleteReply");
                            assertNull(a.get("data.deleteReply.review.reply"));
                            assertEquals(0, t.count("SELECT count(*) FROM reply WHERE review_id = $review"));
                        }),
                new Operation("emailCustomer", (tk, t) -> GraphQL.postAs(tk, Operations.read("EmailCustomer"), "input",
                        t.input("message", "Hallo")), PARTNER_ACTION, (a, t) -> {
                            noUserErrors(a, "emailCustomer");
                            assertEquals("Hallo", a.getString("data.emailCustomer.contact.message"));
                            assertEquals(1, t.count("SELECT count(*) FROM customer_contact WHERE review_id = $review AND message = 'Hallo'"));
                        }),
                new Operation("requestReReview", (tk, t) -> GraphQL.postAs(tk, Operations.read("RequestReReview"), "input", t.input()),
                        PARTNER_ACTION, (a, t) -> {
                            noUserErrors(a, "requestReReview");
                            assertEquals("SENT", a.getString("data.requestReReview.reReview.status"));
                            assertEquals(1, t.count("SELECT count(*) FROM re_review_request WHERE review_id = $review"));
                        }),
                new Operation("requestExclusion", (tk, t) -> GraphQL.postAs(tk, Operations.read("RequestExclusion"), "input",
                        t.input("reason", "OTHER", "text", "Klopt niet")), PARTNER_ACTION, (a, t) -> {
                            noUserErrors(a, "requestExclusion");
                            assertEquals("OTHER", a.getString("data.requestExclusion.exclusion.reason"));
                            assertEquals(1, t.count("SELECT count(*) FROM review_exclusion WHERE review_id = $review AND decision IS NULL AND reason = 'OTHER'"));
                        }, t -> TestData.execute("UPDATE review_exclusion SET decision = 'REJECTED', decided_by = 'admin', decided_at = now() "
                                + "WHERE review_id = " + t.review())), // one open request per review: the fresh one is decided first
                new Operation("decideExclusion", (tk, t) -> GraphQL.postAs(tk, Operations.read("DecideExclusion"), "input",
                        Map.of("exclusionId", t.exclusionId(), "decision", "REJECTED", "note", "Nee")), PLATFORM, (a, t) -> {
                            noUserErrors(a, "decideExclusion");
                            assertEquals("REJECTED", a.getString("data.decideExclusion.exclusion.decision"));
                            assertEquals(1, t.count("SELECT count(*) FROM review_exclusion WHERE review_id = $review AND decision = 'REJECTED'"));
                        }),
                new Operation("registerOrders", (tk, t) -> GraphQL.postAs(tk, Operations.read("RegisterOrders"), "input",
                        Map.of("orders", List.of(Map.of("orderNumber", "ROLE-" + t.review(), "partnerId", TestData.partnerId(owner),
                                "customerId", "K-role-" + t.review(), "firstName", "Jenny", "city", "Enschede", "email", "role@example.com",
                                "reviewOptIn", false, "expectedDeliveryDate", "2026-01-01")))), PLATFORM, (a, t) -> {
                                    noUserErrors(a, "registerOrders");
                                    assertEquals(1, a.getInt("data.registerOrders.registered"));
                                    assertEquals(1, t.count("SELECT count(*) FROM customer_order WHERE order_number = 'ROLE-$review'"));
                                }),
                new Operation("registerTrustedDocuments", (tk, t) -> GraphQL.postAs(tk, REGISTER_TRUSTED, "input", manifest(t)), PLATFORM,
                        (a, t) -> {
                            noUserErrors(a, "registerTrustedDocuments");
                            assertEquals(1, a.getInt("data.registerTrustedDocuments.listed"));
                            assertEquals(1, TestData.count("SELECT count(*) FROM trusted_document WHERE version = 'v" + t.review() + "'"));
                        }),
                new Operation("unlistTrustedDocuments", (tk, t) -> GraphQL.postAs(tk, UNLIST_TRUSTED, "input",
                        Map.of("client", "role-app", "version", "v" + t.review())), PLATFORM, (a, t) -> {
                            noUserErrors(a, "unlistTrustedDocuments");
                            assertEquals(1, a.getInt("data.unlistTrustedDocuments.listed"));
                            assertEquals(0, TestData.count("SELECT count(*) FROM trusted_document WHERE version = 'v" + t.review() + "'"));
                        }, t -> GraphQL.dataAs(Tokens.admin(), REGISTER_TRUSTED, "input", manifest(t))),
                // Not FORBIDDEN: null, so that a shared fragment does not fail a public page.
                new Operation("review.sellerView", (tk, t) -> reviewField(tk, t, "sellerView { orderNumber }"), PRIVATE_READ,
                        (a, t) -> assertEquals(t.orderNumber(), a.getString("data.review.sellerView.orderNumber")), t -> { }, "data.review.sellerView"),
                new Operation("review.orderNumber", (tk, t) -> reviewField(tk, t, "orderNumber"), PRIVATE_READ,
                        (a, t) -> assertEquals(t.orderNumber(), a.getString("data.review.orderNumber"))),
                new Operation("review.contacts", (tk, t) -> reviewField(tk, t, "contacts { message }"), PRIVATE_READ,
                        (a, t) -> assertEquals(List.of("Eerder bericht"), a.getList("data.review.contacts.message"))),
                new Operation("review.customerContacts", (tk, t) -> reviewField(tk, t, "customerContacts { totalCount nodes { message } }"),
                        PRIVATE_READ, (a, t) -> assertEquals(List.of("Eerder bericht"), a.getList("data.review.customerContacts.nodes.message"))),
                new Operation("review.reReview", (tk, t) -> reviewField(tk, t, "reReview { status }"), PRIVATE_READ,
                        (a, t) -> assertEquals("NOT_REQUESTED", a.getString("data.review.reReview.status"))),
                new Operation("review.exclusions", (tk, t) -> reviewField(tk, t, "exclusions { reason }"), PRIVATE_READ,
                        (a, t) -> assertEquals(List.of("CARRIER"), a.getList("data.review.exclusions.reason"))),
                new Operation("partner.invitationMonths", (tk, t) -> partnerField(tk, "invitationMonths(last: 1) { ordersRegistered }"),
                        PRIVATE_READ, (a, t) -> assertEquals(1, a.getList("data.partner.invitationMonths").size())),
                new Operation("partner.orderInvitation", (tk, t) -> partnerField(tk, "orderInvitation(orderNumber: \"" + t.orderNumber()
                        + "\") { status }"), PRIVATE_READ, (a, t) -> assertEquals("REVIEWED_WITHOUT_INVITATION",
                                a.getString("data.partner.orderInvitation.status"))),
                new Operation("setNegativeReviewAlert", (tk, t) -> GraphQL.postAs(tk, "mutation($input: SetNegativeReviewAlertInput!) { "
                        + "setNegativeReviewAlert(input: $input) { alert { email } userErrors { field message code } } }", "input",
                        Map.of("partnerId", TestData.partnerId(owner), "frequency", "IMMEDIATE", "email", "role-" + t.review() + "@example.com")),
                        PARTNER_ACTION, (a, t) -> {
                            noUserErrors(a, "setNegativeReviewAlert");
                            assertEquals(1, TestData.count("SELECT count(*) FROM partner_alert_setting WHERE email = 'role-" + t.review()
                                    + "@example.com'"));
                        }),
                new Operation("partner.negativeReviewAlert", (tk, t) -> partnerField(tk, "negativeReviewAlert { frequency }"), PRIVATE_READ,
                        (a, t) -> assertNull(a.get("errors"))),
                new Operation("partner.score.replies (public)", (tk, t) -> partnerField(tk, "score { replies { repliedCount } }"),
                        List.of(Who.values()), (a, t) -> assertTrue(a.getInt("data.partner.score.replies.repliedCount") >= 0)),
                new Operation("review (public)", (tk, t) -> reviewField(tk, t, "overall authorName reply { text }"), List.of(Who.values()),
                        (a, t) -> {
                            assertEquals(4, a.getInt("data.review.overall"));
                            assertEquals("Eerder antwoord", a.getString("data.review.reply.text"));
                        }));
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
                + TestData.count("SELECT count(*) FROM reply") + "/" + TestData.count("SELECT coalesce(sum(hashtext(text)), 0) FROM reply") + "/"
                + TestData.count("SELECT count(*) FROM trusted_document") + "/" + TestData.count("SELECT count(*) FROM persisted_query WHERE trusted")
                + "/" + TestData.count("SELECT count(*) FROM partner_alert_setting") + "/"
                + TestData.count("SELECT coalesce(sum(hashtext(email)), 0) FROM partner_alert_setting");
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void everyCellOfTheRoleTable(String name, Who who, Operation operation) {
        Target target = Target.fresh();
        operation.prepare().accept(target);
        if (operation.allowed().contains(who)) {
            JsonPath answer = operation.call().apply(token(who), target);
            assertNull(answer.get("errors"), name + " as " + who + " is allowed: " + answer.prettify());
            operation.didIt().accept(answer, target);
        } else if (operation.refusedAsNullAt() != null) {
            JsonPath answer = operation.call().apply(token(who), target);
            assertNull(answer.get("errors"), name + " as " + who + " answers null without an error: " + answer.prettify());
            assertNull(answer.get(operation.refusedAsNullAt()), name + " as " + who + " is null");
        } else {
            String before = digest();
            JsonPath answer = operation.call().apply(token(who), target);
            assertEquals(List.of("FORBIDDEN"), answer.getList("errors.extensions.code"), name + " as " + who + " is refused: " + answer.prettify());
            assertEquals(before, digest(), name + " as " + who + " changed something");
        }
    }
}
