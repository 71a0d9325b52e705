package nl.marketplace.reviews.score;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/**
 * Counts replies against reviews, from the rows themselves: a partner's reviews of the periods
 * asked for (at most the window, or all of them when the score falls back), each with its reply.
 * Read once per change (ReplyPerformanceService keeps the figures at the score version).
 */
@ApplicationScoped
public class ReplyPerformanceRepository {

    /**
     * Per partner and period: {@code bucket} i is the reviews given from bound i to bound i + 1
     * (width_bucket), NULL for a partner without any; the version columns of db.ReadVersions on each
     * row. $1 partners, $2 the bounds, $3 the first bound, $4 the last, $5 the moment before which an
     * unanswered review counts, $6 the highest negative overall score.
     */
    static final String FIGURES = """
            SELECT k.id AS version_partner, coalesce(p.public_version, -1) AS public_version, coalesce(p.score_version, -1) AS score_version,
                   x.bucket,
                   count(*) FILTER (WHERE x.counted) AS review_count,
                   count(*) FILTER (WHERE x.replied) AS replied_count,
                   count(*) FILTER (WHERE x.counted AND x.negative) AS negative_review_count,
                   count(*) FILTER (WHERE x.replied AND x.negative) AS negative_replied_count,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY x.delay) FILTER (WHERE x.replied) AS median_seconds
            FROM unnest($1::bigint[]) AS k(id) LEFT JOIN partner p ON p.id = k.id
            LEFT JOIN LATERAL (
                SELECT width_bucket(r.created_at, $2::timestamptz[]) AS bucket, r.overall <= $6 AS negative,
                       coalesce(y.created_at < $4, false) AS replied,
                       coalesce(y.created_at < $4, false) OR r.created_at < $5 AS counted,
                       extract(epoch FROM y.created_at - r.created_at)::float8 AS delay
                FROM review r LEFT JOIN reply y ON y.review_id = r.id
                WHERE r.partner_id = k.id AND NOT r.excluded AND r.created_at >= $3 AND r.created_at < $4
            ) x ON true
            GROUP BY k.id, p.public_version, p.score_version, x.bucket""";

    /** One period's counts. */
    record Figures(long reviewCount, long repliedCount, long negativeReviewCount, long negativeRepliedCount, Double medianSeconds) {
        static final Figures NONE = new Figures(0, 0, 0, 0, null);
    }

    /** A partner's figures per period (index 0 for the first), and the score version read beside them (-1: no such partner). */
    record Periods(Figures[] figures, long scoreVersion) {
    }

    private final Db db;

    public ReplyPerformanceRepository(Db db) {
        this.db = db;
    }

    /** The figures of each partner over the periods between consecutive bounds, in one statement. */
    Uni<Map<Long, Periods>> figures(List<Long> partnerKeys, List<OffsetDateTime> bounds, OffsetDateTime countUnansweredBefore,
            int negativeAtMost) {
        OffsetDateTime first = bounds.get(0);
        OffsetDateTime last = bounds.get(bounds.size() - 1);
        Tuple args = Tuple.tuple(List.of(partnerKeys.toArray(Long[]::new), bounds.toArray(OffsetDateTime[]::new), first, last,
                countUnansweredBefore, (short) negativeAtMost));
        int periods = bounds.size() - 1;
        return db.query(FIGURES, args).map(rows -> {
            Map<Long, Periods> byPartner = new HashMap<>();
            for (Row row : rows) {
                long partner = row.getLong("version_partner");
                Periods p = byPartner.computeIfAbsent(partner, k -> {
                    Figures[] none = new Figures[periods];
                    java.util.Arrays.fill(none, Figures.NONE);
                    return new Periods(none, row.getLong("score_version"));
                });
                Integer bucket = row.getInteger("bucket");
                if (bucket != null) {
                    p.figures()[bucket - 1] = new Figures(row.getLong("review_count"), row.getLong("replied_count"),
                            row.getLong("negative_review_count"), row.getLong("negative_replied_count"), row.getDouble("median_seconds"));
                }
            }
            return byPartner;
        });
    }
}
