package nl.marketplace.reviews.score;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/**
 * Reads the score aggregates that the database keeps per partner, day and overall score
 * (migration V1). A partner's window is at most ~92 days x 10 scores; its totals at most 10 rows.
 */
@ApplicationScoped
public class ScoreRepository {

    private static final String SUMS = "sum(review_count)::bigint AS review_count, "
            + "sum(delivery_time_sum)::bigint AS delivery_time_sum, sum(delivery_time_count)::bigint AS delivery_time_count, "
            + "sum(product_information_sum)::bigint AS product_information_sum, sum(product_information_count)::bigint AS product_information_count, "
            + "sum(delivery_sum)::bigint AS delivery_sum, sum(delivery_count)::bigint AS delivery_count, "
            + "sum(contact_sum)::bigint AS contact_sum, sum(contact_count)::bigint AS contact_count";

    private final Db db;

    public ScoreRepository(Db db) {
        this.db = db;
    }

    /**
     * A partner's tallies over the days of a window and over all days, and the score version read
     * beside them (-1: no such partner).
     */
    record Tallies(Tally window, Tally all, long scoreVersion) {
    }

    /** No data columns: the version row of each partner asked for (db.ReadVersions), found or not. */
    private static final String NO_SUMS = "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";
    private static final String NO_VERSION = "NULL::bigint AS version_partner, NULL::bigint AS public_version, NULL::bigint AS score_version";
    private static final String VERSIONS = "k.id, coalesce(p.public_version, -1), coalesce(p.score_version, -1) "
            + "FROM unnest($1::bigint[]) AS k(id) LEFT JOIN partner p ON p.id = k.id";

    /**
     * Each partner's tallies over the window's days and over all days up to the last one, in one
     * statement. "All days up to" is the running total minus the days after it: for today that is
     * the total alone, for an earlier day a few more rows, however many reviews there are.
     */
    Uni<Map<Long, Tallies>> tallies(List<Long> partnerKeys, LocalDate firstDay, LocalDate lastDay) {
        String sql = "SELECT 'window' AS part, partner_id, overall, " + SUMS + ", " + NO_VERSION + " FROM partner_daily_score "
                + "WHERE partner_id = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY partner_id, overall "
                + "UNION ALL SELECT 'total', partner_id, overall, " + SUMS + ", NULL, NULL, NULL FROM partner_total_score "
                + "WHERE partner_id = ANY($1) GROUP BY partner_id, overall "
                + "UNION ALL SELECT 'later', partner_id, overall, " + SUMS + ", NULL, NULL, NULL FROM partner_daily_score "
                + "WHERE partner_id = ANY($1) AND day > $3 GROUP BY partner_id, overall "
                + "UNION ALL SELECT 'version', k.id, NULL, " + NO_SUMS + ", " + VERSIONS;
        return db.query(sql, Tuple.of(partnerKeys.toArray(Long[]::new), firstDay, lastDay)).map(rows -> {
            Map<Long, Tally[]> byPartner = new HashMap<>();
            Map<Long, Long> versions = new HashMap<>();
            for (Long key : partnerKeys) {
                byPartner.put(key, new Tally[] { new Tally(), new Tally() });
            }
            for (Row row : rows) {
                Tally[] t = byPartner.get(row.getLong("partner_id"));
                switch (row.getString("part")) {
                    case "window" -> t[0].add(row, 1);
                    case "total" -> t[1].add(row, 1);
                    case "later" -> t[1].add(row, -1);
                    default -> versions.put(row.getLong("partner_id"), row.getLong("score_version"));
                }
            }
            Map<Long, Tallies> tallies = new HashMap<>();
            byPartner.forEach((key, t) -> tallies.put(key, new Tallies(t[0], t[1], versions.getOrDefault(key, -1L))));
            return tallies;
        });
    }

    /** One month of a partner: the sum of the overall scores and the count; recorded or computed now. */
    record Month(long overallSum, long reviewCount, boolean recorded) {
    }

    /** Per month (its first day) of one partner, the recorded and live figures; and the score version read beside them. */
    record Months(Map<LocalDate, List<Month>> byMonth, long scoreVersion) {
    }

    /**
     * Per partner and month (its first day): the recorded figures of closed months and the live ones
     * from the daily aggregates, in one statement; the service picks.
     */
    Uni<Map<Long, Months>> monthly(List<Long> partnerKeys, LocalDate firstDay, LocalDate lastDay) {
        String sql = "SELECT partner_id, month, overall_sum, review_count, true AS recorded, " + NO_VERSION + " FROM partner_monthly_score "
                + "WHERE partner_id = ANY($1) AND month BETWEEN $2 AND $3 "
                + "UNION ALL SELECT partner_id, date_trunc('month', day)::date, "
                + "sum(overall * review_count)::bigint, sum(review_count)::bigint, false, NULL, NULL, NULL "
                + "FROM partner_daily_score WHERE partner_id = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY 1, 2 "
                + "UNION ALL SELECT k.id, NULL, NULL, NULL, NULL, " + VERSIONS;
        return db.query(sql, Tuple.of(partnerKeys.toArray(Long[]::new), firstDay, lastDay)).map(rows -> {
            Map<Long, Map<LocalDate, List<Month>>> byPartner = new HashMap<>();
            Map<Long, Long> versions = new HashMap<>();
            for (Row row : rows) {
                long partner = row.getLong("partner_id");
                if (row.getLong("version_partner") != null) {
                    versions.put(partner, row.getLong("score_version"));
                    continue;
                }
                byPartner.computeIfAbsent(partner, k -> new HashMap<>())
                        .computeIfAbsent(row.getLocalDate("month"), k -> new java.util.ArrayList<>())
                        .add(new Month(row.getLong("overall_sum"), row.getLong("review_count"), row.getBoolean("recorded")));
            }
            Map<Long, Months> months = new HashMap<>();
            for (Long key : partnerKeys) {
                months.put(key, new Months(byPartner.getOrDefault(key, Map.of()), versions.getOrDefault(key, -1L)));
            }
            return months;
        });
    }

    /** Records every partner's figures of a closed month; a month recorded before stays as it was. */
    Uni<Integer> recordMonth(LocalDate month, java.time.OffsetDateTime now) {
        return db.queryAlone("""
                INSERT INTO partner_monthly_score (partner_id, month, overall_sum, review_count, recorded_at)
                SELECT p.id, $1, coalesce(sum(d.overall * d.review_count), 0), coalesce(sum(d.review_count), 0), $3
                FROM partner p LEFT JOIN partner_daily_score d ON d.partner_id = p.id AND d.day >= $1 AND d.day < $2
                GROUP BY p.id
                ON CONFLICT (partner_id, month) DO NOTHING""", Tuple.of(month, month.plusMonths(1), now))
                .map(result -> result.rowCount());
    }
}
