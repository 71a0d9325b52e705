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

    /** A partner's tallies over the days of a window and over all days. */
    record Tallies(Tally window, Tally all) {
    }

    /**
     * Each partner's tallies over the window's days and over all days up to the last one, in one
     * statement. "All days up to" is the running total minus the days after it: for today that is
     * the total alone, for an earlier day a few more rows, however many reviews there are.
     */
    Uni<Map<Long, Tallies>> tallies(List<Long> partnerKeys, LocalDate firstDay, LocalDate lastDay) {
        String sql = "SELECT 'window' AS part, partner_id, overall, " + SUMS + " FROM partner_daily_score "
                + "WHERE partner_id = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY partner_id, overall "
                + "UNION ALL SELECT 'total', partner_id, overall, " + SUMS + " FROM partner_total_score "
                + "WHERE partner_id = ANY($1) GROUP BY partner_id, overall "
                + "UNION ALL SELECT 'later', partner_id, overall, " + SUMS + " FROM partner_daily_score "
                + "WHERE partner_id = ANY($1) AND day > $3 GROUP BY partner_id, overall";
        return db.query(sql, Tuple.of(partnerKeys.toArray(Long[]::new), firstDay, lastDay)).map(rows -> {
            Map<Long, Tallies> byPartner = new HashMap<>();
            for (Long key : partnerKeys) {
                byPartner.put(key, new Tallies(new Tally(), new Tally()));
            }
            for (Row row : rows) {
                Tallies t = byPartner.get(row.getLong("partner_id"));
                switch (row.getString("part")) {
                    case "window" -> t.window().add(row, 1);
                    case "total" -> t.all().add(row, 1);
                    default -> t.all().add(row, -1);
                }
            }
            return byPartner;
        });
    }

    /** One month of a partner: the sum of the overall scores and the count; recorded or computed now. */
    record Month(long overallSum, long reviewCount, boolean recorded) {
    }

    /**
     * Per partner and month (its first day): the recorded figures of closed months and the live ones
     * from the daily aggregates, in one statement; the service picks.
     */
    Uni<Map<Long, Map<LocalDate, List<Month>>>> monthly(List<Long> partnerKeys, LocalDate firstDay, LocalDate lastDay) {
        String sql = "SELECT partner_id, month, overall_sum, review_count, true AS recorded FROM partner_monthly_score "
                + "WHERE partner_id = ANY($1) AND month BETWEEN $2 AND $3 "
                + "UNION ALL SELECT partner_id, date_trunc('month', day)::date, "
                + "sum(overall * review_count)::bigint, sum(review_count)::bigint, false "
                + "FROM partner_daily_score WHERE partner_id = ANY($1) AND day BETWEEN $2 AND $3 GROUP BY 1, 2";
        return db.query(sql, Tuple.of(partnerKeys.toArray(Long[]::new), firstDay, lastDay)).map(rows -> {
            Map<Long, Map<LocalDate, List<Month>>> byPartner = new HashMap<>();
            for (Row row : rows) {
                byPartner.computeIfAbsent(row.getLong("partner_id"), k -> new HashMap<>())
                        .computeIfAbsent(row.getLocalDate("month"), k -> new java.util.ArrayList<>())
                        .add(new Month(row.getLong("overall_sum"), row.getLong("review_count"), row.getBoolean("recorded")));
            }
            return byPartner;
        });
    }

    /** Records every partner's figures of a closed month; a month recorded before stays as it was. */
    Uni<Integer> recordMonth(LocalDate month, java.time.OffsetDateTime now) {
        return db.query("""
                INSERT INTO partner_monthly_score (partner_id, month, overall_sum, review_count, recorded_at)
                SELECT p.id, $1, coalesce(sum(d.overall * d.review_count), 0), coalesce(sum(d.review_count), 0), $3
                FROM partner p LEFT JOIN partner_daily_score d ON d.partner_id = p.id AND d.day >= $1 AND d.day < $2
                GROUP BY p.id
                ON CONFLICT (partner_id, month) DO NOTHING""", Tuple.of(month, month.plusMonths(1), now))
                .map(result -> result.rowCount());
    }
}
