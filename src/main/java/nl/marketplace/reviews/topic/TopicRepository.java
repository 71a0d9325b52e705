package nl.marketplace.reviews.topic;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/** Counts of reviews that mention topics: one partner's (per period) and all partners' (the job). */
@ApplicationScoped
public class TopicRepository {

    /** The topics as tsqueries, built once per statement: $keys and $words (comma-separated, per topic). */
    private static String topics(String keys, String words) {
        return "WITH topics AS (SELECT t.key, review_topic_query(string_to_array(t.words, ',')) AS q FROM unnest(" + keys + "::text[], "
                + words + "::text[]) AS t(key, words)) ";
    }

    private static final String COUNTS = "count(*) FILTER (WHERE x.pros @@ t.q OR x.cons @@ t.q) AS mention_count, "
            + "count(*) FILTER (WHERE x.pros @@ t.q) AS pros_count, count(*) FILTER (WHERE x.cons @@ t.q) AS cons_count";

    /**
     * Per partner, period (width_bucket of the bounds $2, NULL without reviews) and topic: the reviews
     * and those that mention it; the version columns of db.ReadVersions on each row.
     */
    static final String PARTNERS = topics("$5", "$6") + """
            SELECT k.id AS version_partner, coalesce(p.public_version, -1) AS public_version, coalesce(p.score_version, -1) AS score_version,
                   x.bucket, t.key AS topic, count(x.bucket) AS review_count, """ + COUNTS + """

            FROM unnest($1::bigint[]) AS k(id) LEFT JOIN partner p ON p.id = k.id
            LEFT JOIN LATERAL (SELECT width_bucket(r.created_at, $2::timestamptz[]) AS bucket, s.pros, s.cons
                               FROM review r JOIN review_text_search s ON s.review_id = r.id
                               WHERE r.partner_id = k.id AND NOT r.excluded AND r.created_at >= $3 AND r.created_at < $4) x ON true
            CROSS JOIN topics t
            GROUP BY k.id, p.public_version, p.score_version, x.bucket, t.key""";

    /** All partners' reviews of [$1, $2) per topic, stored as the figures of day $3 (a second run writes the same). */
    static final String RECORD_PLATFORM = topics("$4", "$5") + """
            INSERT INTO platform_topic_share AS s (day, topic, review_count, mention_count, pros_count, cons_count, computed_at)
            SELECT $3, t.key, count(x.present), """ + COUNTS + """
            , now()
            FROM topics t
            LEFT JOIN (SELECT true AS present, s.pros, s.cons FROM review r JOIN review_text_search s ON s.review_id = r.id
                       WHERE NOT r.excluded AND r.created_at >= $1 AND r.created_at < $2) x ON true
            GROUP BY t.key
            ON CONFLICT (day, topic) DO UPDATE SET review_count = EXCLUDED.review_count, mention_count = EXCLUDED.mention_count,
                pros_count = EXCLUDED.pros_count, cons_count = EXCLUDED.cons_count, computed_at = EXCLUDED.computed_at""";

    /** One period's counts of one topic. */
    record Counts(long reviews, long mentions, long pros, long cons) {
        static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    /** A partner's counts: per period (index 0 first), per topic; and the score version read beside them. */
    record PartnerCounts(List<Map<String, Counts>> periods, long scoreVersion) {
    }

    /** The platform's latest figures, by topic, and their day. */
    record Platform(LocalDate day, Map<String, Counts> byTopic) {
        static final Platform NONE = new Platform(null, Map.of());
    }

    private final Db db;

    public TopicRepository(Db db) {
        this.db = db;
    }

    Uni<Map<Long, PartnerCounts>> partners(List<Long> partnerKeys, List<OffsetDateTime> bounds, Map<String, List<String>> topics) {
        int periods = bounds.size() - 1;
        Tuple args = Tuple.tuple(List.of(partnerKeys.toArray(Long[]::new), bounds.toArray(OffsetDateTime[]::new), bounds.get(0),
                bounds.get(periods), keys(topics), words(topics)));
        return db.query(PARTNERS, args).map(rows -> {
            Map<Long, PartnerCounts> byPartner = new HashMap<>();
            for (Row row : rows) {
                PartnerCounts counts = byPartner.computeIfAbsent(row.getLong("version_partner"), k -> {
                    List<Map<String, Counts>> empty = new java.util.ArrayList<>(periods);
                    for (int i = 0; i < periods; i++) {
                        empty.add(new HashMap<>());
                    }
                    return new PartnerCounts(empty, row.getLong("score_version"));
                });
                Integer bucket = row.getInteger("bucket");
                if (bucket != null) {
                    counts.periods().get(bucket - 1).put(row.getString("topic"), counts(row));
                }
            }
            return byPartner;
        });
    }

    private static Counts counts(Row row) {
        return new Counts(row.getLong("review_count"), row.getLong("mention_count"), row.getLong("pros_count"), row.getLong("cons_count"));
    }

    private static String[] keys(Map<String, List<String>> topics) {
        return topics.keySet().toArray(String[]::new);
    }

    private static String[] words(Map<String, List<String>> topics) {
        return topics.values().stream().map(w -> String.join(",", w)).toArray(String[]::new);
    }

    /** Records the platform's figures of {@code day} over [from, to); the number of topics written. */
    Uni<Integer> recordPlatform(LocalDate day, OffsetDateTime from, OffsetDateTime to, Map<String, List<String>> topics) {
        return db.queryAlone(RECORD_PLATFORM, Tuple.tuple(List.of(from, to, day, keys(topics), words(topics)))).map(r -> r.rowCount());
    }

    /** Deletes the platform's figures of days before {@code before}. */
    Uni<Integer> prunePlatform(LocalDate before) {
        return db.queryAlone("DELETE FROM platform_topic_share WHERE day < $1", Tuple.of(before)).map(r -> r.rowCount());
    }

    /** The latest day's platform figures, or none. */
    Uni<Platform> latestPlatform() {
        return db.query("SELECT day, topic, review_count AS review_count, mention_count, pros_count, cons_count FROM platform_topic_share "
                + "WHERE day = (SELECT max(day) FROM platform_topic_share)", Tuple.tuple()).map(rows -> {
            LocalDate day = null;
            Map<String, Counts> byTopic = new HashMap<>();
            for (Row row : rows) {
                day = row.getLocalDate("day");
                byTopic.put(row.getString("topic"), counts(row));
            }
            return day == null ? Platform.NONE : new Platform(day, byTopic);
        });
    }
}
