package nl.marketplace.reviews.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.support.Plans;
import nl.marketplace.reviews.support.Plans.Plan;

/**
 * A search in review texts reads one partner's reviews at most, never the table: 70,000 reviews
 * over 51 partners, one of them a large shop with 30,000. The page and the count statements are
 * built by ReviewRepository as the service builds them and explained with support.Plans.
 */
class ReviewSearchPlansTest {

    private static final String DATABASE = "reviews_search_plans";
    private static final int LARGE_SHOP = 30_000;
    private static final int SHOP = 800;
    private static String url;

    @BeforeAll
    static void reviews() throws SQLException {
        url = Plans.freshDatabase(DATABASE);
        try (Connection c = Plans.connect(url); Statement st = c.createStatement()) {
            st.execute("INSERT INTO partner (id, name) SELECT g, 'Shop ' || g FROM generate_series(1, 51) g");
            st.execute("""
                    INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, customer_email,
                                                review_opt_in, expected_delivery_date)
                    SELECT 'S-' || g, CASE WHEN g <= %d THEN 1 ELSE 2 + (g - %d) %% 50 END, 'K-' || g, 'Jenny', 'Enschede',
                           'k' || g || '@example.com', true, date '2026-01-01' + g %% 300
                    FROM generate_series(1, %d) g""".formatted(LARGE_SHOP, LARGE_SHOP, LARGE_SHOP + 50 * SHOP));
            // One review in 300 mentions the packaging; every 20th is revised with a comment.
            st.execute("""
                    INSERT INTO review (partner_id, order_id, overall, original_overall, pros, cons, anonymous, author_name, created_at)
                    SELECT o.partner_id, o.id, 1 + o.id % 10, 1 + o.id % 10,
                           (ARRAY['Snel geleverd', 'Prima product', 'Goede prijs', 'Vriendelijk contact'])[1 + o.id % 4],
                           CASE WHEN o.id % 300 = 0 THEN 'De verpakking was kapot' ELSE 'Niets' END,
                           false, 'Jenny uit Enschede', o.expected_delivery_date + 5 + (o.id % 24) * interval '1 hour'
                    FROM customer_order o""");
            st.execute("""
                    INSERT INTO revision (review_id, overall, previous_overall, comment, created_at)
                    SELECT id, 8, overall, 'Toch netjes opgelost', created_at + interval '3 days' FROM review WHERE id % 20 = 0""");
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        Plans.dropDatabase(DATABASE);
    }

    private static ReviewCriteria search(String... words) {
        return new ReviewCriteria(1, 10, null, false, null, null, null, null, null, List.of(words), null);
    }

    private static Plan explain(ReviewRepository.Statement statement) throws SQLException {
        return RepositoryPlans.explain(url, statement);
    }

    private static void assertReadsOneShopAtMost(String what, Plan plan, int shopReviews) {
        // Each of the shop's reviews once, and its row of lexemes (revision comments included), and the partner.
        assertTrue(plan.rowsRead() <= 2L * shopReviews + 100, what + " read " + plan.rowsRead() + " rows for a shop of " + shopReviews
                + ": " + plan.scans() + "\n" + plan.json());
        assertTrue(plan.scans().stream().noneMatch(s -> s.startsWith("Seq Scan on review") || s.startsWith("Seq Scan on revision")
                || s.startsWith("Seq Scan on review_text_search")),
                what + " scans a whole table: " + plan.scans());
    }

    @Test
    void aPageOfSearchResultsReadsAtMostTheShopsReviews() throws SQLException {
        for (ReviewOrder order : ReviewOrder.values()) {
            Plan found = explain(ReviewRepository.pageStatement(List.of(1L), search("verpakking"), order, null, 21, Nested.NONE));
            assertEquals(21, found.rowsOut(), order + ": a full page of the shop's 100 matches");
            assertReadsOneShopAtMost(order + " page", found, LARGE_SHOP);
            Plan nothing = explain(ReviewRepository.pageStatement(List.of(1L), search("xylofoon"), order, null, 21, Nested.NONE));
            assertEquals(1, nothing.rowsOut(), order + ": only the partner's version row");
            assertReadsOneShopAtMost(order + " page without a match", nothing, LARGE_SHOP);
        }
        Plan small = explain(ReviewRepository.pageStatement(List.of(7L), search("opgelost", "snel"), ReviewOrder.NEWEST, null, 21,
                Nested.NONE));
        assertReadsOneShopAtMost("a small shop's page", small, SHOP);
    }

    @Test
    void theCountOfASearchReadsTheShopsReviews() throws SQLException {
        Plan large = explain(ReviewRepository.countStatement(List.of(1L), search("verpakking")));
        assertReadsOneShopAtMost("count", large, LARGE_SHOP);
        Plan small = explain(ReviewRepository.countStatement(List.of(9L), search("kapot", "verpakt")));
        assertReadsOneShopAtMost("a small shop's count", small, SHOP);
    }
}
