package nl.marketplace.reviews.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The writes of {@link ReviewChanges} on the real database, each inside a transaction that is
 * rolled back at its end: what the transaction sees is asserted inside it, and afterwards nothing
 * of what was tested is left (the partner and review they start from are made before, as in every
 * test, and stay).
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReviewChangesTest {

    @Inject
    ReviewChanges changes;

    /** Runs the work in a transaction that is rolled back, and returns what it saw. */
    private static <T> T rolledBack(Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> work.get()
                .call(() -> Panache.currentTransaction().invoke(Mutiny.Transaction::markForRollback))));
    }

    private static Uni<Long> count(String sql) {
        return Panache.getSession().chain(s -> s.createNativeQuery(sql, Long.class).getSingleResult());
    }

    @Test
    void aNewReviewCountsInItsTransactionAndNothingIsLeftAfterTheRollback() throws Throwable {
        long partner = TestData.partner("Rolled back partner");
        long order = TestData.count("INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, "
                + "customer_city, customer_email, review_opt_in, expected_delivery_date) VALUES ('RB-" + UUID.randomUUID() + "', "
                + partner + ", 'C-" + UUID.randomUUID() + "', 'Jenny', 'Enschede', 'jenny@example.com', true, current_date) RETURNING id");
        OffsetDateTime now = TestClock.now();
        List<Long> seen = rolledBack(() -> changes.create(new ReviewChanges.NewReview(partner, order, 9, 8, null, 7, null, "Snel",
                null, false, "Jenny", "Enschede"), now).chain(review -> count(
                        "SELECT count(*) FROM review WHERE partner_id = " + partner + " AND author_name = 'Jenny uit Enschede'")
                        .chain(reviews -> count("SELECT coalesce(sum(review_count), 0) FROM partner_daily_score WHERE partner_id = " + partner)
                                .map(counted -> List.of(reviews, counted)))));
        assertEquals(List.of(1L, 1L), seen, "the review, and the day's aggregate kept by the trigger in the same transaction");
        assertEquals(0, TestData.count("SELECT count(*) FROM review WHERE partner_id = " + partner));
        assertEquals(0, TestData.count("SELECT coalesce(sum(review_count), 0) FROM partner_daily_score WHERE partner_id = " + partner));
    }

    @Test
    void aRevisionChangesTheCountingScoreInsideItsTransaction() throws Throwable {
        long partner = TestData.partner("Rolled back revision partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(3));
        long revised = rolledBack(() -> changes.lock(review).chain(entity -> changes.revise(entity, 8, "Opgelost", TestClock.now()))
                .chain(() -> Panache.getSession().chain(Mutiny.Session::flush))
                .chain(() -> count("SELECT overall::bigint FROM review WHERE id = " + review + " AND original_overall = 4"))
                .chain(overall -> count("SELECT coalesce(sum(review_count), 0) FROM partner_daily_score WHERE partner_id = " + partner
                        + " AND overall = 8").map(aggregated -> overall * 100 + aggregated)));
        assertEquals(801, revised, "the counting score is 8, and the aggregate counts it as an 8");
        assertEquals(4, TestData.count("SELECT overall FROM review WHERE id = " + review));
        assertEquals(0, TestData.count("SELECT count(*) FROM revision WHERE review_id = " + review));
    }
}
