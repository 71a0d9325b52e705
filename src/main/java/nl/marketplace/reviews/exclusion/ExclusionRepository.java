package nl.marketplace.reviews.exclusion;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.graphql.GlobalId;

@ApplicationScoped
public class ExclusionRepository {

    private static final String COLUMNS = "id, review_id, reason, text, requested_by, requested_at, decision, decision_note, "
            + "decided_by, decided_at";

    private final Db db;

    public ExclusionRepository(Db db) {
        this.db = db;
    }

    /** The exclusion requests of each review, newest first. */
    public Uni<Map<Long, List<Exclusion>>> ofReviews(List<Long> reviewKeys) {
        return db.query("SELECT " + COLUMNS + " FROM review_exclusion WHERE review_id = ANY($1) "
                + "ORDER BY review_id, requested_at DESC, id DESC", Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Exclusion>> byReview = new HashMap<>();
                    for (Row row : rows) {
                        Exclusion e = toExclusion(row);
                        byReview.computeIfAbsent(e.reviewKey(), k -> new ArrayList<>()).add(e);
                    }
                    return byReview;
                });
    }

    /** The request and the partner of its review (who may read it), or null. */
    public record Found(Exclusion exclusion, long partnerKey) {
    }

    public Uni<Found> findWithPartner(long key) {
        return db.query("SELECT " + COLUMNS.replaceAll("(^|, )", "$1e.") + ", r.partner_id FROM review_exclusion e "
                + "JOIN review r ON r.id = e.review_id WHERE e.id = $1", Tuple.of(key))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Found(toExclusion(row), row.getLong("partner_id"));
                });
    }

    public Uni<Exclusion> find(long key) {
        return db.query("SELECT " + COLUMNS + " FROM review_exclusion WHERE id = $1", Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : toExclusion(rows.iterator().next()));
    }

    private static Exclusion toExclusion(Row row) {
        String decision = row.getString("decision");
        return new Exclusion(GlobalId.encode(Exclusion.TYPE, row.getLong("id")), row.getLong("review_id"),
                ExclusionReason.valueOf(row.getString("reason")), row.getString("text"), row.getString("requested_by"),
                row.getOffsetDateTime("requested_at"), decision == null ? null : ExclusionDecision.valueOf(decision),
                row.getString("decision_note"), row.getString("decided_by"), row.getOffsetDateTime("decided_at"));
    }
}
