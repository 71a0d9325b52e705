package nl.marketplace.reviews.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.VersionedCache;

/** SQL for reviews, revisions and replies. Every method is one statement for any number of keys. */
@ApplicationScoped
public class ReviewRepository {

    private static final String COLUMNS = "r.id, r.partner_id, r.overall, r.original_overall, r.delivery_time, "
            + "r.product_information, r.delivery, r.contact, r.pros, r.cons, r.author_name, r.excluded, r.created_at, r.has_reply, r.has_revisions";

    private final Db db;
    private final Classifier classifier;

    public ReviewRepository(Db db, Classifier classifier) {
        this.db = db;
        this.classifier = classifier;
    }

    public Uni<Map<Long, Review>> findByKeys(List<Long> keys) {
        return findByKeys(keys, Nested.NONE);
    }

    /**
     * The partner's public version beside each review (db.ReadVersions); a key that names no review
     * yet is a dependency no version covers.
     */
    private static final String REVIEW_VERSIONS = ", pv.id AS version_partner, pv.public_version, (r.id IS NULL) AS version_unknown";

    /** The reviews with these keys, with the nested fields asked for; one statement. */
    public Uni<Map<Long, Review>> findByKeys(List<Long> keys, Nested nested) {
        return db.query("SELECT " + COLUMNS + REVIEW_VERSIONS + nestedColumns(nested) + " FROM unnest($1::bigint[]) AS k(id) "
                + "LEFT JOIN review r ON r.id = k.id LEFT JOIN partner pv ON pv.id = r.partner_id" + nestedJoins(nested),
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Review> byKey = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getLong("id") != null) {
                            Review review = toReview(row, nested);
                            byKey.put(review.key(), review);
                        }
                    }
                    return byKey;
                });
    }

    /**
     * Up to {@code limit} reviews of each partner that match, behind the cursor, in the order, with
     * the nested fields asked for; one statement for all partners (a LATERAL join keeps the keyset
     * scan per partner, and the nested rows are joined to the page only).
     */
    public Uni<Map<Long, PartnerRows>> page(List<Long> partnerKeys, ReviewCriteria criteria, ReviewOrder order,
            ReviewCursor after, int limit, Nested nested) {
        Statement page = pageStatement(partnerKeys, criteria, order, after, limit, nested);
        return db.query(page.text(), Tuple.from(page.args())).map(rows -> {
            Map<Long, PartnerRows> byPartner = new LinkedHashMap<>();
            for (Row row : rows) {
                long partnerKey = row.getLong("version_partner");
                PartnerRows found = byPartner.computeIfAbsent(partnerKey, k -> new PartnerRows(row.getString("partner_name") == null ? null
                        : new Partner(k, row.getString("partner_name"), row.getLong("partner_score_version")), new ArrayList<>()));
                if (row.getLong("id") != null) {
                    found.reviews().add(toReview(row, nested));
                }
            }
            return byPartner;
        });
    }

    /**
     * One partner's part of a page: the partner's own row (null when there is no such partner), read
     * in the page's statement, so that a partner and its first page are one statement; and its reviews.
     */
    public record PartnerRows(Partner partner, List<Review> reviews) {
    }

    /** How many reviews of each partner match (0 for none), with the score version read beside the count (-1: no such partner). */
    public Uni<Map<Long, VersionedCache.Computed<Long>>> count(List<Long> partnerKeys, ReviewCriteria criteria) {
        Statement count = countStatement(partnerKeys, criteria);
        return db.query(count.text(), Tuple.from(count.args())).map(rows -> {
            Map<Long, VersionedCache.Computed<Long>> counts = new HashMap<>();
            for (Row row : rows) {
                counts.put(row.getLong("version_partner"), new VersionedCache.Computed<>(row.getLong("n"), row.getLong("score_version")));
            }
            return counts;
        });
    }

    /** Beside each review key asked for: its partner's public version (db.ReadVersions), a row also without revisions or reply. */
    private static final String OF_REVIEWS = " FROM unnest($1::bigint[]) AS k(id) LEFT JOIN review r ON r.id = k.id "
            + "LEFT JOIN partner pv ON pv.id = r.partner_id";

    /** The revisions of each review, oldest first. */
    public Uni<Map<Long, List<Revision>>> revisions(List<Long> reviewKeys) {
        return db.query("SELECT v.id, k.id AS review_id, v.overall, v.previous_overall, v.comment, v.created_at" + REVIEW_VERSIONS
                + OF_REVIEWS + " LEFT JOIN revision v ON v.review_id = k.id ORDER BY k.id, v.created_at, v.id",
                Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<Revision>> byReview = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getLong("id") != null) {
                            Revision revision = toRevision(row);
                            byReview.computeIfAbsent(revision.reviewKey(), k -> new ArrayList<>()).add(revision);
                        }
                    }
                    return byReview;
                });
    }

    public Uni<Map<Long, Revision>> revisionsByKeys(List<Long> keys) {
        return db.query("SELECT v.id, v.review_id, v.overall, v.previous_overall, v.comment, v.created_at, pv.id AS version_partner, "
                + "pv.public_version, (v.id IS NULL) AS version_unknown FROM unnest($1::bigint[]) AS k(id) "
                + "LEFT JOIN revision v ON v.id = k.id LEFT JOIN review r ON r.id = v.review_id LEFT JOIN partner pv ON pv.id = r.partner_id",
                Tuple.of(keys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Revision> byKey = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getLong("id") != null) {
                            byKey.put(row.getLong("id"), toRevision(row));
                        }
                    }
                    return byKey;
                });
    }

    /** The order number of each review (bestelnummer; private to the partner). */
    public Uni<Map<Long, String>> orderNumbers(List<Long> reviewKeys) {
        return db.query("SELECT r.id, o.order_number FROM review r JOIN customer_order o ON o.id = r.order_id "
                + "WHERE r.id = ANY($1)", Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, String> byReview = new HashMap<>();
                    for (Row row : rows) {
                        byReview.put(row.getLong("id"), row.getString("order_number"));
                    }
                    return byReview;
                });
    }

    /** The reply of each review that has one. */
    public Uni<Map<Long, Reply>> replies(List<Long> reviewKeys) {
        return db.query("SELECT k.id AS review_id, y.text, y.created_at, y.updated_at" + REVIEW_VERSIONS + OF_REVIEWS
                + " LEFT JOIN reply y ON y.review_id = k.id", Tuple.of(reviewKeys.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, Reply> byReview = new HashMap<>();
                    for (Row row : rows) {
                        if (row.getString("text") != null) {
                            byReview.put(row.getLong("review_id"), new Reply(row.getLong("review_id"), row.getString("text"),
                                    row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at")));
                        }
                    }
                    return byReview;
                });
    }

    /** A statement and its arguments ($1, $2, …), as the repository runs it (JobPlans-style tests explain it). */
    record Statement(String text, List<Object> args) {
    }

    /** The statement of {@link #page}. */
    static Statement pageStatement(List<Long> partnerKeys, ReviewCriteria criteria, ReviewOrder order, ReviewCursor after, int limit,
            Nested nested) {
        Sql sql = new Sql();
        sql.arg(partnerKeys.toArray(Long[]::new));
        // A row for a partner without a matching review too: its version row (db.ReadVersions).
        // The partner's own row too, which the statement joins for the version anyway (PartnerRows).
        StringBuilder text = new StringBuilder("SELECT r.*, p.id AS version_partner, coalesce(pv.public_version, -1) AS public_version")
                .append(PARTNER_COLUMNS).append(nestedColumns(new Nested(nested.revisions(), nested.reply(), false)))
                .append(" FROM unnest($1::bigint[]) WITH ORDINALITY AS p(id, ord) LEFT JOIN partner pv ON pv.id = p.id LEFT JOIN LATERAL (SELECT ")
                .append(COLUMNS).append(" FROM review r WHERE r.partner_id = p.id");
        where(text, sql, criteria);
        if (after != null) {
            text.append(" AND ").append(keyset(sql, order, after));
        }
        text.append(" ORDER BY ").append(orderBy(order)).append(" LIMIT ").append(sql.arg(limit)).append(") r ON true")
                .append(nestedJoins(nested)).append(" ORDER BY p.ord, ").append(orderBy(order));
        return sql.statement(text);
    }

    /** The statement of {@link #count}. */
    static Statement countStatement(List<Long> partnerKeys, ReviewCriteria criteria) {
        Sql sql = new Sql();
        sql.arg(partnerKeys.toArray(Long[]::new));
        StringBuilder text = new StringBuilder("SELECT p.id AS version_partner, coalesce(pv.public_version, -1) AS public_version, "
                + "coalesce(pv.score_version, -1) AS score_version, (SELECT count(*) FROM review r WHERE r.partner_id = p.id");
        where(text, sql, criteria);
        text.append(") AS n FROM unnest($1::bigint[]) AS p(id) LEFT JOIN partner pv ON pv.id = p.id");
        return sql.statement(text);
    }

    private static void where(StringBuilder text, Sql sql, ReviewCriteria c) {
        if (c.overallMin() > 1) {
            text.append(" AND r.overall >= ").append(sql.arg((short) c.overallMin()));
        }
        if (c.overallMax() < 10) {
            text.append(" AND r.overall <= ").append(sql.arg((short) c.overallMax()));
        }
        if (c.subScoreMax() != null) {
            String p = sql.arg(c.subScoreMax().shortValue());
            if (c.anySubScore()) {
                text.append(" AND (r.delivery_time <= ").append(p).append(" OR r.product_information <= ").append(p)
                        .append(" OR r.delivery <= ").append(p).append(" OR r.contact <= ").append(p).append(')');
            } else {
                text.append(" AND r.").append(c.subScoreCategory().column).append(" <= ").append(p);
            }
        }
        if (c.revised() != null) {
            text.append(c.revised() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM revision v WHERE v.review_id = r.id)");
        }
        if (c.replied() != null) {
            text.append(c.replied() ? " AND" : " AND NOT").append(" EXISTS (SELECT 1 FROM reply y WHERE y.review_id = r.id)");
        }
        if (c.createdFrom() != null) {
            text.append(" AND r.created_at >= ").append(sql.arg(c.createdFrom()));
        }
        if (c.createdBefore() != null) {
            text.append(" AND r.created_at < ").append(sql.arg(c.createdBefore()));
        }
        // A correlated scalar subquery: one look into review_text_search per review the scan reaches (its key), never a
        // hash of every review's lexemes. The review's texts are matched as one: all searched words anywhere in its pros,
        // cons and revision comments. The query is named once, so it is built once per statement (one InitPlan): building
        // it costs about 0.15 ms a word, and three mentions built it three times (bench, "Issue 23's reads").
        if (c.words() != null) {
            text.append(" AND (SELECT s.pros || s.cons || coalesce(s.revisions, ''::tsvector) FROM review_text_search s WHERE s.review_id = r.id)")
                    .append(" @@ (SELECT review_search_query(").append(sql.arg(c.words().toArray(String[]::new))).append("::text[]))");
        }
        if (c.topicWords() != null) {
            text.append(" AND (SELECT s.pros || s.cons FROM review_text_search s WHERE s.review_id = r.id)")
                    .append(" @@ (SELECT review_topic_query(").append(sql.arg(c.topicWords().toArray(String[]::new))).append("::text[]))");
        }
    }

    private static String keyset(Sql sql, ReviewOrder order, ReviewCursor after) {
        String at = sql.arg(after.createdAt());
        String id = sql.arg(after.key());
        return switch (order) {
            case NEWEST -> "(r.created_at, r.id) < (" + at + ", " + id + ")";
            case OLDEST -> "(r.created_at, r.id) > (" + at + ", " + id + ")";
            case HIGHEST_OVERALL -> "(r.overall, r.created_at, r.id) < (" + sql.arg((short) after.overall()) + ", " + at + ", " + id + ")";
            case LOWEST_OVERALL -> {
                String o = sql.arg((short) after.overall());
                yield "(r.overall > " + o + " OR (r.overall = " + o + " AND (r.created_at, r.id) < (" + at + ", " + id + ")))";
            }
        };
    }

    private static String orderBy(ReviewOrder order) {
        return switch (order) {
            case NEWEST -> "r.created_at DESC, r.id DESC";
            case OLDEST -> "r.created_at ASC, r.id ASC";
            case HIGHEST_OVERALL -> "r.overall DESC, r.created_at DESC, r.id DESC";
            case LOWEST_OVERALL -> "r.overall ASC, r.created_at DESC, r.id DESC";
        };
    }

    /** The partner's row that a review statement joins for its version ({@code pv}): a review's partner, or a page's. */
    private static final String PARTNER_COLUMNS = ", pv.name AS partner_name, pv.score_version AS partner_score_version";

    /**
     * The nested fields' columns: the reply's, the revisions as arrays in their order, and the
     * partner's from the row that every review statement joins for its version ({@code pv}).
     */
    private static String nestedColumns(Nested nested) {
        return (nested.partner() ? PARTNER_COLUMNS : "")
                + (nested.reply() ? ", y.text AS reply_text, y.created_at AS reply_created_at, y.updated_at AS reply_updated_at" : "")
                + (nested.revisions() ? ", v.ids AS revision_ids, v.overalls AS revision_overalls, "
                        + "v.previous AS revision_previous, v.comments AS revision_comments, v.created AS revision_created" : "");
    }

    /**
     * Lateral, so that they are nested loops over the reviews already chosen; gated by the review's
     * flags (V19), so that only the reviews that have a reply or revisions look them up: the flag,
     * a value of the outer row, becomes a One-Time Filter above the index scan. OFFSET 0 keeps the
     * reply's subquery a subquery: pulled up into the join, the flag would be a join filter checked
     * after the lookup ({@code ReviewPagePlansTest}).
     */
    private static String nestedJoins(Nested nested) {
        return (nested.reply() ? " LEFT JOIN LATERAL (SELECT text, created_at, updated_at FROM reply WHERE review_id = r.id AND r.has_reply OFFSET 0) y ON true" : "")
                + (nested.revisions() ? " LEFT JOIN LATERAL (SELECT array_agg(id ORDER BY created_at, id) AS ids, "
                        + "array_agg(overall ORDER BY created_at, id) AS overalls, "
                        + "array_agg(previous_overall ORDER BY created_at, id) AS previous, "
                        + "array_agg(comment ORDER BY created_at, id) AS comments, "
                        + "array_agg(created_at ORDER BY created_at, id) AS created FROM revision WHERE review_id = r.id AND r.has_revisions) v ON true" : "");
    }

    private Review toReview(Row row) {
        return toReview(row, Nested.NONE);
    }

    private Review toReview(Row row, Nested nested) {
        long key = row.getLong("id");
        int overall = row.getShort("overall");
        List<Revision> revisions = null;
        if (nested.revisions()) {
            Long[] ids = row.getArrayOfLongs("revision_ids");
            if (ids == null) {
                revisions = List.of();
            } else {
                Short[] overalls = row.getArrayOfShorts("revision_overalls");
                Short[] previous = row.getArrayOfShorts("revision_previous");
                String[] comments = row.getArrayOfStrings("revision_comments");
                java.time.OffsetDateTime[] created = row.getArrayOfOffsetDateTimes("revision_created");
                revisions = new ArrayList<>(ids.length);
                for (int i = 0; i < ids.length; i++) {
                    revisions.add(new Revision(GlobalId.encode(Revision.TYPE, ids[i]), key, (int) overalls[i], (int) previous[i],
                            comments[i], created[i]));
                }
            }
        }
        Optional<Reply> reply = null;
        if (nested.reply()) {
            String text = row.getString("reply_text");
            reply = text == null ? Optional.empty()
                    : Optional.of(new Reply(key, text, row.getOffsetDateTime("reply_created_at"), row.getOffsetDateTime("reply_updated_at")));
        }
        long partnerKey = row.getLong("partner_id");
        Partner partner = nested.partner() ? new Partner(partnerKey, row.getString("partner_name"), row.getLong("partner_score_version")) : null;
        return new Review(GlobalId.encode(Review.TYPE, key), key, partnerKey,
                row.getOffsetDateTime("created_at"), row.getString("author_name"), overall,
                (int) row.getShort("original_overall"),
                new SubScores(toInteger(row.getShort("delivery_time")), toInteger(row.getShort("product_information")),
                        toInteger(row.getShort("delivery")), toInteger(row.getShort("contact"))),
                row.getString("pros"), row.getString("cons"), classifier.classify(overall), row.getBoolean("excluded"),
                revisions, reply, partner);
    }

    private static Revision toRevision(Row row) {
        long key = row.getLong("id");
        return new Revision(GlobalId.encode(Revision.TYPE, key), row.getLong("review_id"), (int) row.getShort("overall"),
                (int) row.getShort("previous_overall"), row.getString("comment"), row.getOffsetDateTime("created_at"));
    }

    private static Integer toInteger(Short value) {
        return value == null ? null : value.intValue();
    }

    /** Numbered parameters for a statement built in pieces. */
    private static final class Sql {
        private final List<Object> args = new ArrayList<>();

        String arg(Object value) {
            args.add(value);
            return "$" + args.size();
        }

        Statement statement(CharSequence text) {
            return new Statement(text.toString(), new ArrayList<>(args));
        }
    }
}
