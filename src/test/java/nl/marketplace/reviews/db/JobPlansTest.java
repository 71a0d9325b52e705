package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import nl.marketplace.reviews.event.ReviewEventRepository;
import nl.marketplace.reviews.trusteddocument.PersistedQueries;
import nl.marketplace.reviews.invitation.InvitationService;
import nl.marketplace.reviews.mail.MailDelivery;
import nl.marketplace.reviews.mail.MailRetention;
import nl.marketplace.reviews.observability.OutboxMetrics;
import nl.marketplace.reviews.support.Plans;
import nl.marketplace.reviews.support.Plans.Plan;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The plans of the jobs that run on every pod, over a year of data: 240,000 orders, an invitation
 * and a sent mail for each past one, 50,000 review events, 11,000 stored documents. Each statement
 * runs as the service runs it (prepared, generic plan) under EXPLAIN ANALYZE in a transaction that
 * is rolled back, and the rows it reads (every scan node: rows returned plus rows filtered away,
 * times loops) are bounded by the work it has to do (the rows it changes or reports, counted
 * independently), never by the size of the table (support.Plans). On a database of its own, made by Flyway.
 */
class JobPlansTest {

    private static final String DATABASE = "reviews_job_plans";
    private static final String URL = "jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + DATABASE;
    /** The job's today; orders are delivered from 2026-01-01 to 2027-02-04, 600 a day. */
    private static final String TODAY = "2027-01-20";

    @BeforeAll
    static void aYearOfData() throws SQLException {
        Plans.freshDatabase(DATABASE);
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO partner (id, name) VALUES (1, 'Plan partner')");
            // 400 days of orders, four in five opted in.
            st.execute("""
                    INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, customer_email,
                                                review_opt_in, expected_delivery_date)
                    SELECT 'P-' || g, 1, 'K-' || g, 'Jenny', 'Enschede', 'k' || g || '@example.com', g % 5 <> 0, date '2026-01-01' + g / 600
                    FROM generate_series(0, 600 * 400 - 1) g""");
            // Decided in the past: sent with a mail, except every 100th that expired unsent; 50 are left to expire now.
            st.execute("""
                    INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on)
                    SELECT o.id, CASE WHEN o.id %% 100 = 0 THEN 'EXPIRED' ELSE 'SENT' END,
                           CASE WHEN o.id %% 100 = 0 THEN NULL ELSE sha256(o.id::text::bytea) END,
                           CASE WHEN o.id %% 100 = 0 THEN NULL ELSE (o.expected_delivery_date + 3)::timestamptz END,
                           CASE WHEN o.id %% 100 = 0 THEN NULL ELSE (o.expected_delivery_date + 33)::timestamptz END,
                           o.expected_delivery_date + 3
                    FROM customer_order o
                    WHERE o.review_opt_in AND o.expected_delivery_date < date '%s' - 18 AND o.id %% 997 <> 0""".formatted(TODAY));
            // Half of the orders due today were invited on earlier days of their window.
            st.execute("""
                    INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on)
                    SELECT o.id, 'SENT', sha256(o.id::text::bytea), (o.expected_delivery_date + 3)::timestamptz,
                           (o.expected_delivery_date + 33)::timestamptz, o.expected_delivery_date + 3
                    FROM customer_order o
                    WHERE o.review_opt_in AND o.expected_delivery_date BETWEEN date '%s' - 18 AND date '%s' - 3 AND o.id %% 2 = 0"""
                    .formatted(TODAY, TODAY));
            // A mail for every invitation sent: sent, its body removed after 30 days; and a backlog of 100, 30 of them parked.
            st.execute("""
                    INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, created_at, sent_at, body_removed_at)
                    SELECT 'REVIEW_INVITATION', 'k@example.com', o.customer_id, 'Beoordeel', 'tekst', i.sent_at, i.sent_at,
                           CASE WHEN i.sent_at < date '%s' - 40 THEN i.sent_at + interval '30 days' END
                    FROM review_invitation i JOIN customer_order o ON o.id = i.order_id WHERE i.status = 'SENT'""".formatted(TODAY));
            st.execute("""
                    INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, created_at, next_attempt_at, failed_at, attempts)
                    SELECT 'CUSTOMER_MESSAGE', 'w@example.com', 'W-' || g, 'Bericht', 'tekst', now() - interval '1 hour',
                           now() - interval '1 minute', CASE WHEN g <= 30 THEN now() - interval '1 day' END, CASE WHEN g <= 30 THEN 10 ELSE 1 END
                    FROM generate_series(1, 100) g""");
            // Review events: two days of them, 1,000 reviews.
            st.execute("""
                    INSERT INTO review (partner_id, order_id, overall, original_overall, anonymous, author_name, created_at)
                    SELECT 1, o.id, 7, 7, false, 'Jenny uit Enschede', o.expected_delivery_date + 5
                    FROM customer_order o WHERE NOT o.review_opt_in LIMIT 1000""");
            st.execute("""
                    INSERT INTO review_event (partner_id, seq, type, review_id, created_at)
                    SELECT 1, g, 'NEW_REVIEW', (SELECT min(id) FROM review) + g % 1000, now() - (g || ' seconds')::interval * 3.4
                    FROM generate_series(1, 50000) g""");
            st.execute("""
                    INSERT INTO persisted_query (sha256, document, registered_at, used_on)
                    SELECT encode(sha256(g::text::bytea), 'hex'), '{ __typename }', now(), current_date - g % 30
                    FROM generate_series(1, 11000) g""");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        Plans.dropDatabase(DATABASE);
    }

    private static Connection connect() throws SQLException {
        return Plans.connect(URL);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The retention, in seconds, that puts the cut-off this many days before the job's today (the job counts back from now()). */
    private static String secondsBefore(int days) {
        return "extract(epoch FROM now() - (date '" + TODAY + "' - " + days + ")::timestamptz)";
    }

    private static Plan explain(String sql, String... args) throws SQLException {
        return Plans.explain(URL, sql, args);
    }

    /** Rows read at most {@code perRow} times the work, plus a little (a change also finds each row by its key). */
    private static void assertBounded(String what, Plan plan, long work, int perRow, long slack) {
        assertTrue(plan.rowsRead() <= perRow * work + slack, what + " read " + plan.rowsRead() + " rows for " + work + " of work: "
                + plan.scans() + "\n" + plan.json());
        assertTrue(plan.scans().stream().noneMatch(s -> s.startsWith("Seq Scan on customer_order") || s.startsWith("Seq Scan on outbox_mail")
                || s.startsWith("Seq Scan on review_event")), what + " scans a whole large table: " + plan.scans());
    }

    @Test
    void expiringReadsOnlyThePendingOrdersPastTheirWindow() throws SQLException {
        long expiring = count("SELECT count(*) FROM customer_order WHERE review_opt_in AND expected_delivery_date < date '" + TODAY
                + "' - 18 AND NOT EXISTS (SELECT 1 FROM review_invitation i WHERE i.order_id = customer_order.id) "
                + "AND NOT EXISTS (SELECT 1 FROM review r WHERE r.order_id = customer_order.id)");
        assertTrue(expiring > 100 && expiring < 1000, "a few orders to expire: " + expiring);
        Plan plan = explain(InvitationService.EXPIRE, "date '" + TODAY + "'", "date '" + TODAY + "' - 18");
        assertBounded("expire", plan, expiring, 1, 10);
    }

    @Test
    void aBatchOfSendableOrdersReadsTheBatchAndItsChecks() throws SQLException {
        Plan plan = explain(InvitationService.SENDABLE, "date '" + TODAY + "' - 18", "date '" + TODAY + "' - 3", "date '0001-01-01'", "0",
                "date '" + TODAY + "'::timestamptz", "date '" + TODAY + "'::timestamptz + interval '1 day'", "500");
        assertEquals(500, plan.rowsOut());
        // Each order: itself, its partner, and a look for a mail to its customer today.
        assertBounded("a batch of sendable orders", plan, 500, 3, 10);
    }

    @Test
    void countingTheWaitingReadsTheDueOrders() throws SQLException {
        long due = count("SELECT count(*) FROM customer_order WHERE invitation_pending AND expected_delivery_date BETWEEN date '" + TODAY
                + "' - 18 AND date '" + TODAY + "' - 3");
        assertTrue(due > 1000, "orders due: " + due);
        assertBounded("waiting", explain(InvitationService.WAITING, "date '" + TODAY + "' - 18", "date '" + TODAY + "' - 3"), due, 1, 10);
    }

    @Test
    void theOutboxMetricsReadTheBacklogOnly() throws SQLException {
        assertBounded("outbox metrics", explain(OutboxMetrics.QUERY), 100, 1, 10);
    }

    @Test
    void claimingAMailReadsAFewRows() throws SQLException {
        assertBounded("claim one mail", explain(MailDelivery.CLAIM_ONE, "120"), 1, 1, 10);
    }

    @Test
    void retentionReadsOneBatchAtATime() throws SQLException {
        long blank = count("SELECT count(*) FROM outbox_mail WHERE body_removed_at IS NULL AND coalesce(sent_at, failed_at) < date '"
                + TODAY + "' - 30");
        assertTrue(blank > 0 && blank < MailRetention.BATCH * 2L, "bodies to remove: " + blank);
        Plan bodies = explain(MailRetention.REMOVE_BODIES, secondsBefore(30), String.valueOf(MailRetention.BATCH));
        assertBounded("remove bodies", bodies, Math.min(blank, MailRetention.BATCH), 2, 10);
        long old = count("SELECT count(*) FROM outbox_mail WHERE sent_at < date '" + TODAY + "' - 90");
        assertTrue(old > 100_000, "rows past retention: " + old);
        Plan rows = explain(MailRetention.DELETE_ROWS, secondsBefore(90), String.valueOf(MailRetention.BATCH));
        assertBounded("delete rows", rows, MailRetention.BATCH, 2, 10);
    }

    @Test
    void forgettingEventsReadsOneBatchAtATime() throws SQLException {
        long old = count("SELECT count(*) FROM review_event WHERE created_at < now() - interval '1 day'");
        assertTrue(old > 20_000, "events past retention: " + old);
        assertBounded("forget events", explain(ReviewEventRepository.FORGET, "86400", "5000"), 5000, 2, 10);
    }

    @Test
    void pruningDocumentsReadsTheStoredDocumentsWhichMaxDocumentsBounds() throws SQLException {
        // The store holds max-documents and at most a tenth more before it is pruned (PersistedQueries.pruneWhenGrown).
        assertBounded("prune documents", explain(PersistedQueries.PRUNE, "10000"), 11_000 + 1_000, 1, 10);
    }
}
