package nl.marketplace.reviews.invitation;

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

/** What became of partners' orders: counts per month of expected delivery, and one order's invitation. */
@ApplicationScoped
public class InvitationFiguresRepository {

    /** Each order once (an order has at most one invitation and one review), by partner and month; the partner's orders of the months only. */
    static final String MONTHS = """
            SELECT o.partner_id, date_trunc('month', o.expected_delivery_date)::date AS month,
                   count(*) AS registered,
                   count(*) FILTER (WHERE NOT o.review_opt_in) AS not_opted_in,
                   count(*) FILTER (WHERE o.review_opt_in AND i.status IS NULL AND r.id IS NULL) AS waiting,
                   count(*) FILTER (WHERE o.review_opt_in AND i.status = 'SENT') AS sent,
                   count(*) FILTER (WHERE o.review_opt_in AND i.status = 'EXPIRED') AS expired_unsent,
                   count(*) FILTER (WHERE o.review_opt_in AND i.status IS NULL AND r.id IS NOT NULL) AS reviewed_without_invitation,
                   count(*) FILTER (WHERE o.review_opt_in AND i.status = 'SENT' AND r.id IS NOT NULL) AS reviews_from_invitations
            FROM customer_order o
            LEFT JOIN review_invitation i ON i.order_id = o.id
            LEFT JOIN review r ON r.order_id = o.id
            WHERE o.partner_id = ANY($1) AND o.expected_delivery_date >= $2 AND o.expected_delivery_date < $3
            GROUP BY 1, 2""";

    /** One month's counts. */
    record Counts(long registered, long notOptedIn, long waiting, long sent, long expiredUnsent, long reviewedWithoutInvitation,
            long reviewsFromInvitations) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    /** One order as the rules need it. */
    record Order(String orderNumber, LocalDate expectedDelivery, boolean optedIn, String invitationStatus, OffsetDateTime sentAt,
            boolean reviewed) {
    }

    private final Db db;

    public InvitationFiguresRepository(Db db) {
        this.db = db;
    }

    /** Per partner, the counts of each month (its first day) with orders expected from {@code from} until {@code until}. */
    Uni<Map<Long, Map<LocalDate, Counts>>> months(List<Long> partnerKeys, LocalDate from, LocalDate until) {
        return db.query(MONTHS, Tuple.of(partnerKeys.toArray(Long[]::new), from, until)).map(rows -> {
            Map<Long, Map<LocalDate, Counts>> byPartner = new HashMap<>();
            for (Row row : rows) {
                byPartner.computeIfAbsent(row.getLong("partner_id"), k -> new HashMap<>()).put(row.getLocalDate("month"),
                        new Counts(row.getLong("registered"), row.getLong("not_opted_in"), row.getLong("waiting"), row.getLong("sent"),
                                row.getLong("expired_unsent"), row.getLong("reviewed_without_invitation"),
                                row.getLong("reviews_from_invitations")));
            }
            return byPartner;
        });
    }

    /** The partner's order with this number, or null. */
    Uni<Order> order(long partnerKey, String orderNumber) {
        return db.query("""
                SELECT o.order_number, o.expected_delivery_date, o.review_opt_in, i.status, i.sent_at, r.id IS NOT NULL AS reviewed
                FROM customer_order o
                LEFT JOIN review_invitation i ON i.order_id = o.id
                LEFT JOIN review r ON r.order_id = o.id
                WHERE o.partner_id = $1 AND o.order_number = $2""", Tuple.of(partnerKey, orderNumber)).map(rows -> {
            for (Row row : rows) {
                return new Order(row.getString("order_number"), row.getLocalDate("expected_delivery_date"), row.getBoolean("review_opt_in"),
                        row.getString("status"), row.getOffsetDateTime("sent_at"), row.getBoolean("reviewed"));
            }
            return null;
        });
    }
}
