package nl.marketplace.reviews.invitation;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static nl.marketplace.reviews.support.GraphQL.postAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Partner.invitationMonths and Partner.orderInvitation: counts against a from-scratch count over
 * the raw rows, every status of an order, and who may see them.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class InvitationFiguresTest {

    private static final String FIELDS = "ordersRegistered notOptedIn notOptedInPercentage waiting sent expiredUnsent "
            + "reviewedWithoutInvitation reviewsFromInvitations responsePercentage";
    private static final String MONTHS = "query($p: ID!) { partner(id: $p) { name invitationMonths(last: 4) { month " + FIELDS + " } } }";
    private static final String ORDER = """
            query($p: ID!, $n: String!) {
              partner(id: $p) { orderInvitation(orderNumber: $n) { orderNumber expectedDeliveryDate status firstDay lastDay sentAt reviewed } }
            }""";
    private static final Instant NOW = Instant.parse("2028-03-15T10:00:00Z");

    static long partner;
    static String partnerId;

    @BeforeAll
    static void orders() {
        partner = TestData.partner("Inviting partner");
        partnerId = TestData.partnerId(partner);
        // 300 orders delivered from 20 December 2027 to 14 March 2028, in every state the rules allow.
        TestData.execute("""
                INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, customer_email,
                                            review_opt_in, expected_delivery_date)
                SELECT 'INV-%1$d-' || g, %1$d, 'C-INV-%1$d-' || g, 'Jenny', 'Enschede', 'jenny@example.com', g %% 7 <> 0,
                       date '2027-12-20' + (g * 85) / 300
                FROM generate_series(0, 299) g""".formatted(partner));
        String mine = "FROM customer_order o WHERE o.partner_id = " + partner + " AND o.review_opt_in AND o.expected_delivery_date < date '2028-02-25'";
        // Of the opted-in orders past their first days: most sent, every 11th expired unsent, every 13th reviewed first.
        TestData.execute("INSERT INTO review (partner_id, order_id, overall, original_overall, anonymous, author_name, created_at) "
                + "SELECT o.partner_id, o.id, 8, 8, false, 'Jenny uit Enschede', o.expected_delivery_date + 2 " + mine + " AND o.id % 13 = 0");
        TestData.execute("INSERT INTO review_invitation (order_id, status, token_hash, decided_on) SELECT o.id, 'EXPIRED', NULL, "
                + "o.expected_delivery_date + 19 " + mine + " AND o.id % 11 = 0 AND o.id % 13 <> 0");
        TestData.execute("INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on) "
                + "SELECT o.id, 'SENT', sha256(o.id::text::bytea), o.expected_delivery_date + 3, o.expected_delivery_date + 33, "
                + "o.expected_delivery_date + 3 " + mine + " AND o.id % 11 <> 0 AND o.id % 13 <> 0");
        // Two in five invited customers reviewed.
        TestData.execute("INSERT INTO review (partner_id, order_id, overall, original_overall, anonymous, author_name, created_at) "
                + "SELECT o.partner_id, o.id, 6, 6, false, 'Jenny uit Enschede', o.expected_delivery_date + 5 FROM customer_order o "
                + "JOIN review_invitation i ON i.order_id = o.id AND i.status = 'SENT' WHERE o.partner_id = " + partner + " AND o.id % 5 < 2");
    }

    @BeforeEach
    void clock() {
        TestClock.set(NOW);
    }

    /** The month's figures counted in Java over the raw rows, each order once. */
    private static Map<String, Object> fromScratch(LocalDate month) {
        int registered = 0, notOptedIn = 0, waiting = 0, sent = 0, expired = 0, reviewedFirst = 0, fromInvitations = 0;
        try (Connection c = TestEnvironment.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT o.review_opt_in, i.status, r.id IS NOT NULL FROM customer_order o LEFT JOIN review_invitation i ON i.order_id = o.id "
                        + "LEFT JOIN review r ON r.order_id = o.id WHERE o.partner_id = ? AND o.expected_delivery_date >= ? "
                        + "AND o.expected_delivery_date < ?")) {
            st.setLong(1, partner);
            st.setObject(2, month);
            st.setObject(3, month.plusMonths(1));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    registered++;
                    String status = rs.getString(2);
                    boolean reviewed = rs.getBoolean(3);
                    if (!rs.getBoolean(1)) {
                        notOptedIn++;
                    } else if ("SENT".equals(status)) {
                        sent++;
                        fromInvitations += reviewed ? 1 : 0;
                    } else if ("EXPIRED".equals(status)) {
                        expired++;
                    } else if (reviewed) {
                        reviewedFirst++;
                    } else {
                        waiting++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("month", month.toString());
        m.put("ordersRegistered", registered);
        m.put("notOptedIn", notOptedIn);
        m.put("notOptedInPercentage", registered == 0 ? null : Math.round(notOptedIn * 100.0 / registered));
        m.put("waiting", waiting);
        m.put("sent", sent);
        m.put("expiredUnsent", expired);
        m.put("reviewedWithoutInvitation", reviewedFirst);
        m.put("reviewsFromInvitations", fromInvitations);
        m.put("responsePercentage", sent == 0 ? null : Math.round(fromInvitations * 100.0 / sent));
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachMonthMatchesAFromScratchCount() {
        JsonPath answer = dataAs(Tokens.partner(partner), MONTHS, "p", partnerId);
        List<Map<String, Object>> months = answer.getList("data.partner.invitationMonths");
        assertEquals(4, months.size());
        int total = 0;
        for (int i = 0; i < 4; i++) {
            LocalDate month = LocalDate.of(2027, 12, 1).plusMonths(i);
            Map<String, Object> expected = fromScratch(month);
            Map<String, Object> got = new LinkedHashMap<>(months.get(i));
            got.replaceAll((k, v) -> v instanceof Integer n && k.endsWith("Percentage") ? Long.valueOf(n) : v);
            assertEquals(expected, got, month.toString());
            int registered = (int) got.get("ordersRegistered");
            assertEquals(registered, (int) got.get("notOptedIn") + (int) got.get("waiting") + (int) got.get("sent")
                    + (int) got.get("expiredUnsent") + (int) got.get("reviewedWithoutInvitation"), "the classes add up in " + month);
            total += registered;
        }
        assertEquals(300, total);
        // Every class occurs somewhere, or the comparison proves little.
        for (String field : List.of("notOptedIn", "waiting", "sent", "expiredUnsent", "reviewedWithoutInvitation", "reviewsFromInvitations")) {
            assertTrue(months.stream().mapToInt(m -> (Integer) m.get(field)).sum() > 0, field);
        }
        assertEquals(months, dataAs(Tokens.admin(), MONTHS, "p", partnerId).getList("data.partner.invitationMonths"), "an administrator sees the same");
    }

    @Test
    void onlyThePartnerAndAdministratorsSeeThem() {
        long other = TestData.partner("Other inviting partner");
        for (JsonPath answer : List.of(post(MONTHS, "p", partnerId), postAs(Tokens.partner(other), MONTHS, "p", partnerId),
                post(ORDER, "p", partnerId, "n", "INV-" + partner + "-1"), postAs(Tokens.partner(other), ORDER, "p", partnerId, "n",
                        "INV-" + partner + "-1"))) {
            assertEquals(List.of("FORBIDDEN"), errorCodes(answer), answer::prettify);
            assertNull(answer.get("data.partner.invitationMonths"));
            assertNull(answer.get("data.partner.orderInvitation"));
        }
        // The rest of the partner's data stays.
        assertEquals("Inviting partner", post(MONTHS, "p", partnerId).getString("data.partner.name"));
    }

    private static String orderWhere(String condition) {
        return TestData.string("SELECT o.order_number FROM customer_order o LEFT JOIN review_invitation i ON i.order_id = o.id "
                + "LEFT JOIN review r ON r.order_id = o.id WHERE o.partner_id = " + partner + " AND " + condition + " ORDER BY o.id LIMIT 1");
    }

    @Test
    void anOrderSaysWhyItGotNoInvitation() {
        Map<String, String> byStatus = new LinkedHashMap<>();
        byStatus.put("NOT_OPTED_IN", orderWhere("NOT o.review_opt_in"));
        byStatus.put("SENT", orderWhere("i.status = 'SENT'"));
        byStatus.put("EXPIRED_UNSENT", orderWhere("i.status = 'EXPIRED'"));
        byStatus.put("REVIEWED_WITHOUT_INVITATION", orderWhere("o.review_opt_in AND i.status IS NULL AND r.id IS NOT NULL"));
        byStatus.put("WAITING", orderWhere("o.review_opt_in AND i.status IS NULL AND r.id IS NULL"));
        byStatus.forEach((status, number) -> {
            JsonPath answer = dataAs(Tokens.partner(partner), ORDER, "p", partnerId, "n", number);
            assertEquals(status, answer.getString("data.partner.orderInvitation.status"), number);
            LocalDate delivery = LocalDate.parse(answer.getString("data.partner.orderInvitation.expectedDeliveryDate"));
            assertEquals(delivery.plusDays(3).toString(), answer.getString("data.partner.orderInvitation.firstDay"));
            assertEquals(delivery.plusDays(18).toString(), answer.getString("data.partner.orderInvitation.lastDay"));
            assertEquals(status.equals("SENT"), answer.getString("data.partner.orderInvitation.sentAt") != null, status);
        });
        JsonPath unknown = postAs(Tokens.partner(partner), ORDER, "p", partnerId, "n", "NO-SUCH-ORDER");
        assertEquals(List.of("NOT_FOUND"), errorCodes(unknown));
        assertNull(unknown.get("data.partner.orderInvitation"));
        for (String bad : List.of("", "x".repeat(65), "INV\n1")) {
            assertEquals(List.of("BAD_USER_INPUT"), errorCodes(postAs(Tokens.partner(partner), ORDER, "p", partnerId, "n", bad)), bad);
        }
        // Another partner's order number is not found through this partner.
        long other = TestData.partner("Third partner");
        assertEquals(List.of("NOT_FOUND"), errorCodes(postAs(Tokens.partner(other), ORDER, "p", TestData.partnerId(other), "n",
                byStatus.get("SENT"))));
    }
}
