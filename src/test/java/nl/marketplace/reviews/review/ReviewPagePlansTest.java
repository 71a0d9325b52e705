package nl.marketplace.reviews.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.Plans;
import nl.marketplace.reviews.support.Plans.Plan;

/**
 * A page of reviews looks up the reply and the revisions of only the reviews that have them (the
 * flags of V19 gate the lookups), and the flags follow every change of replies and revisions. On a
 * database of its own: two shops of 100 and 20 reviews, a reply on every seventh, revisions on every
 * eleventh.
 */
class ReviewPagePlansTest {

    private static final String DATABASE = "reviews_page_plans";
    private static final ReviewCriteria EVERY_REVIEW = new ReviewCriteria(1, 10, null, false, null, null, null, null, null, null, null);
    private static final Nested ALL_NESTED = new Nested(true, true, true);
    /** The orders as SQL, to count from scratch what a page holds. */
    private static final Map<ReviewOrder, String> ORDER = Map.of(
            ReviewOrder.NEWEST, "created_at DESC, id DESC",
            ReviewOrder.OLDEST, "created_at, id",
            ReviewOrder.HIGHEST_OVERALL, "overall DESC, created_at DESC, id DESC",
            ReviewOrder.LOWEST_OVERALL, "overall, created_at DESC, id DESC");
    private static String url;

    @BeforeAll
    static void reviews() throws SQLException {
        url = Plans.freshDatabase(DATABASE);
        try (Connection c = Plans.connect(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO partner (id, name) VALUES (1, 'Kastenkoning'), (2, 'Bakfietsshop')");
            st.execute("""
                    INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, customer_email,
                                                review_opt_in, expected_delivery_date)
                    SELECT 'P-' || g, CASE WHEN g <= 100 THEN 1 ELSE 2 END, 'K-' || g, 'Jenny', 'Enschede', 'k' || g || '@example.com',
                           true, date '2026-01-01' + g
                    FROM generate_series(1, 120) g""");
            st.execute("""
                    INSERT INTO review (partner_id, order_id, overall, original_overall, pros, cons, anonymous, author_name, created_at)
                    SELECT o.partner_id, o.id, 1 + o.id % 10, 1 + o.id % 10, 'Snel geleverd', null, false, 'Jenny uit Enschede',
                           timestamptz '2026-01-05 10:00+01' + o.id * interval '1 day'
                    FROM customer_order o""");
            st.execute("""
                    INSERT INTO reply (review_id, text, created_at, updated_at)
                    SELECT id, 'Dank je wel', created_at + interval '1 day', created_at + interval '1 day' FROM review WHERE id % 7 = 0""");
            st.execute("""
                    INSERT INTO revision (review_id, overall, previous_overall, comment, created_at)
                    SELECT id, 8, overall, 'Toch opgelost', created_at + interval '3 days' FROM review WHERE id % 11 = 0
                    UNION ALL SELECT id, 9, 8, null, created_at + interval '4 days' FROM review WHERE id % 33 = 0""");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        Plans.dropDatabase(DATABASE);
    }

    @Test
    void aPageLooksUpTheRepliesAndRevisionsOfOnlyTheReviewsThatHaveThem() throws SQLException {
        for (ReviewOrder order : ReviewOrder.values()) {
            Plan page = RepositoryPlans.explain(url, ReviewRepository.pageStatement(List.of(1L, 2L), EVERY_REVIEW, order, null, 21, ALL_NESTED));
            assertEquals(21 + 20, page.rowsOut(), order + ": a page of each shop");
            long[] expected = repliedAndRevisedOnPages(order);
            assertTrue(expected[0] > 0 && expected[0] < 41 && expected[1] > 0 && expected[1] < 41, order + ": pages with and without both");
            assertEquals(expected[0], page.lookupsOf("reply"), order + ": reply lookups\n" + page.json());
            assertEquals(expected[1], page.lookupsOf("revision"), order + ": revision lookups\n" + page.json());
        }
    }

    /** From scratch: how many reviews on the two shops' first pages of 21 have a reply, and how many revisions. */
    private static long[] repliedAndRevisedOnPages(ReviewOrder order) throws SQLException {
        String pages = "(SELECT * FROM review WHERE partner_id = 1 ORDER BY " + ORDER.get(order) + " LIMIT 21) UNION ALL "
                + "(SELECT * FROM review WHERE partner_id = 2 ORDER BY " + ORDER.get(order) + " LIMIT 21)";
        try (Connection c = Plans.connect(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM reply y WHERE y.review_id = p.id)), "
                        + "count(*) FILTER (WHERE EXISTS (SELECT 1 FROM revision v WHERE v.review_id = p.id)) FROM (" + pages + ") p")) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        }
    }

    @Test
    void theFlagsFollowEveryChangeOfRepliesAndRevisions() throws SQLException {
        try (Connection c = Plans.connect(url); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                assertFlagsTrue(st, "as made");
                long replied = count(st, "SELECT count(*) FROM review WHERE has_reply");
                long revised = count(st, "SELECT count(*) FROM review WHERE has_revisions");
                assertEquals(count(st, "SELECT count(*) FROM reply"), replied);

                st.execute("INSERT INTO reply (review_id, text) VALUES (1, 'Dank'), (2, 'Dank'), (3, 'Dank')");
                assertEquals(replied + 3, count(st, "SELECT count(*) FROM review WHERE has_reply"));
                assertFlagsTrue(st, "after three replies in one statement");
                st.execute("UPDATE reply SET text = 'Dank je' WHERE review_id = 1");
                assertFlagsTrue(st, "after a reply's change");
                st.execute("UPDATE reply SET review_id = 4 WHERE review_id = 2");
                assertEquals(List.of(false, true), flags(st, "has_reply", 2, 4));
                assertFlagsTrue(st, "after a reply moved to another review");
                st.execute("DELETE FROM reply WHERE review_id IN (1, 3, 7)");
                assertEquals(replied, count(st, "SELECT count(*) FROM review WHERE has_reply"));
                assertFlagsTrue(st, "after replies deleted");

                st.execute("INSERT INTO revision (review_id, overall, previous_overall) VALUES (5, 6, 2), (5, 7, 6)");
                assertEquals(revised + 1, count(st, "SELECT count(*) FROM review WHERE has_revisions"));
                st.execute("DELETE FROM revision WHERE id = (SELECT min(id) FROM revision WHERE review_id = 5)");
                assertEquals(List.of(true), flags(st, "has_revisions", 5));
                assertFlagsTrue(st, "after one of two revisions deleted");
                st.execute("UPDATE revision SET review_id = 6 WHERE review_id = 5");
                assertEquals(List.of(false, true), flags(st, "has_revisions", 5, 6));
                st.execute("DELETE FROM revision WHERE review_id IN (6, 11)");
                assertEquals(revised - 1, count(st, "SELECT count(*) FROM review WHERE has_revisions"));
                assertFlagsTrue(st, "after revisions deleted");
            } finally {
                c.rollback();
            }
        }
    }

    private static void assertFlagsTrue(Statement st, String when) throws SQLException {
        assertEquals(0, count(st, "SELECT count(*) FROM review r WHERE (r.has_reply, r.has_revisions) IS DISTINCT FROM "
                + "(EXISTS (SELECT 1 FROM reply y WHERE y.review_id = r.id), EXISTS (SELECT 1 FROM revision v WHERE v.review_id = r.id))"),
                "reviews whose flags are wrong " + when);
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<Boolean> flags(Statement st, String flag, long... reviews) throws SQLException {
        List<Boolean> values = new java.util.ArrayList<>();
        for (long review : reviews) {
            try (ResultSet rs = st.executeQuery("SELECT " + flag + " FROM review WHERE id = " + review)) {
                rs.next();
                values.add(rs.getBoolean(1));
            }
        }
        return values;
    }
}
