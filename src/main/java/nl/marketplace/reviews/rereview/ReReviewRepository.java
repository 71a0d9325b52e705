package nl.marketplace.reviews.rereview;

import java.util.ArrayList;
import java.util.HashMap;
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
        return db.query("SELECT review_id, message, created_at FROM customer_contact WHERE review_id = ANY($1) "
                + "ORDER BY review_id, created_at DESC, id DESC", Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<CustomerContact>> byReview = new HashMap<>();
                    for (Row row : rows) {
                        byReview.computeIfAbsent(row.getLong("review_id"), k -> new ArrayList<>()).add(
                                new CustomerContact(row.getLong("review_id"), row.getString("message"), row.getOffsetDateTime("created_at")));
                    }
                    return byReview;
                });
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
                        byReview.put(row.getLong("id"), new ReReviewRules.Facts(row.getShort("overall"),
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
