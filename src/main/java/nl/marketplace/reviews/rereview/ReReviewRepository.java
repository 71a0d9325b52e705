package nl.marketplace.reviews.rereview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/**
 * Contacts and re-review requests. Reads for the API go through the SQL client (one statement per
 * batch); the writes of a mutation go through Hibernate Reactive inside its transaction.
 */
@ApplicationScoped
public class ReReviewRepository {

    private final Db db;

    public ReReviewRepository(Db db) {
        this.db = db;
    }

    /** The contacts of each review, newest first. */
    public Uni<Map<Long, List<CustomerContact>>> contacts(List<Long> reviewKeys) {
        return db.query("SELECT review_id, id, message, created_at FROM customer_contact WHERE review_id = ANY($1) "
                + "ORDER BY review_id, created_at DESC, id DESC", Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<CustomerContact>> byReview = new HashMap<>();
                    for (Row row : rows) {
                        byReview.computeIfAbsent(row.getLong("review_id"), k -> new ArrayList<>()).add(contact(row));
                    }
                    return byReview;
                });
    }

    /** A page of contacts for one request's reviews: which ones, how many, and from where. */
    record ContactPage(long reviewKey, int first, ContactCursor after) {
    }

    /**
     * Pages of contacts, newest first: one statement per distinct (first, after), each answering all
     * its reviews; a page holds first + 1 contacts at most (the extra one says a next page exists).
     */
    public Uni<Map<ContactPage, CustomerContactConnection>> contactPages(List<ContactPage> pages) {
        Map<ContactPage, List<Long>> groups = new LinkedHashMap<>();
        pages.forEach(page -> groups.computeIfAbsent(new ContactPage(0, page.first(), page.after()), g -> new ArrayList<>())
                .add(page.reviewKey()));
        List<Uni<Map<ContactPage, CustomerContactConnection>>> loads = new ArrayList<>();
        groups.forEach((group, reviewKeys) -> loads.add(db.query("""
                SELECT t.review_id, t.total, c.id, c.message, c.created_at
                FROM (SELECT review_id, count(*) AS total FROM customer_contact WHERE review_id = ANY($1) GROUP BY review_id) t
                JOIN LATERAL (SELECT id, message, created_at FROM customer_contact c
                              WHERE c.review_id = t.review_id AND ($3::timestamptz IS NULL OR (c.created_at, c.id) < ($3, $4))
                              ORDER BY c.created_at DESC, c.id DESC LIMIT $2) c ON true
                ORDER BY t.review_id, c.created_at DESC, c.id DESC""",
                Tuple.of(reviewKeys.toArray(Long[]::new), group.first() + 1, group.after() == null ? null : group.after().createdAt(),
                        group.after() == null ? null : group.after().id()))
                .map(rows -> {
                    Map<Long, List<CustomerContact>> fetched = new HashMap<>();
                    Map<Long, Integer> totals = new HashMap<>();
                    for (Row row : rows) {
                        long review = row.getLong("review_id");
                        totals.put(review, row.getLong("total").intValue());
                        fetched.computeIfAbsent(review, k -> new ArrayList<>()).add(contact(row));
                    }
                    Map<ContactPage, CustomerContactConnection> answered = new HashMap<>();
                    for (long review : reviewKeys) {
                        answered.put(new ContactPage(review, group.first(), group.after()), CustomerContactConnection.of(
                                fetched.getOrDefault(review, List.of()), group.first(), group.after() != null, totals.getOrDefault(review, 0)));
                    }
                    return answered;
                })));
        return Uni.join().all(loads).andFailFast().map(maps -> {
            Map<ContactPage, CustomerContactConnection> all = new HashMap<>();
            maps.forEach(all::putAll);
            return all;
        });
    }

    private static CustomerContact contact(Row row) {
        return new CustomerContact(row.getLong("review_id"), row.getLong("id"), row.getString("message"), row.getOffsetDateTime("created_at"));
    }

    /** What the re-review rules need, per review. */
    public Uni<Map<Long, ReReviewRules.Facts>> facts(List<Long> reviewKeys) {
        return db.query("SELECT r.id, r.overall, r.created_at, q.requested_at, q.expires_at, q.completed_at, "
                + "EXISTS (SELECT 1 FROM customer_contact c WHERE c.review_id = r.id) AS contacted "
                + "FROM review r LEFT JOIN re_review_request q ON q.review_id = r.id WHERE r.id = ANY($1)",
                Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, ReReviewRules.Facts> byReview = new HashMap<>();
                    for (Row row : rows) {
                        byReview.put(row.getLong("id"), new ReReviewRules.Facts(row.getLong("id"), row.getShort("overall"),
                                row.getOffsetDateTime("created_at"), row.getBoolean("contacted"),
                                row.getOffsetDateTime("requested_at"), row.getOffsetDateTime("expires_at"),
                                row.getOffsetDateTime("completed_at")));
                    }
                    return byReview;
                });
    }

    // ---- inside a mutation's transaction (Hibernate Reactive) ----

    Uni<Boolean> contacted(long reviewKey) {
        return CustomerContactEntity.count("reviewId", reviewKey).map(n -> n > 0);
    }

    Uni<ReReviewRequestEntity> requestOf(long reviewKey) {
        return ReReviewRequestEntity.find("reviewId", reviewKey).firstResult();
    }

    /** The request with this token hash, locked until the transaction ends. */
    Uni<ReReviewRequestEntity> lockRequestByTokenHash(byte[] hash) {
        return ReReviewRequestEntity.find("tokenHash", hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }
}
