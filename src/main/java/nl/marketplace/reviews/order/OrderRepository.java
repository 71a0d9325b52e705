package nl.marketplace.reviews.order;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

@ApplicationScoped
public class OrderRepository {

    private final Db db;

    public OrderRepository(Db db) {
        this.db = db;
    }

    /** A validated order row. */
    record NewOrder(String orderNumber, long partnerKey, String customerId, String firstName, String city, String email,
            boolean reviewOptIn, LocalDate expectedDeliveryDate, String locale) {
    }

    /**
     * Inserts the orders in one statement (all or nothing); an order number that exists is left
     * as it is, so a resent batch doubles nothing. Returns how many were new.
     */
    Uni<Integer> insertNew(List<NewOrder> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return db.query("""
                INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city,
                                            customer_email, review_opt_in, expected_delivery_date, customer_locale)
                SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
                                     $7::bool[], $8::date[], $9::text[])
                ON CONFLICT (order_number) DO NOTHING""",
                Tuple.tuple(List.of(
                        orders.stream().map(NewOrder::orderNumber).toArray(String[]::new),
                        orders.stream().map(NewOrder::partnerKey).toArray(Long[]::new),
                        orders.stream().map(NewOrder::customerId).toArray(String[]::new),
                        orders.stream().map(NewOrder::firstName).toArray(String[]::new),
                        orders.stream().map(NewOrder::city).toArray(String[]::new),
                        orders.stream().map(NewOrder::email).toArray(String[]::new),
                        orders.stream().map(NewOrder::reviewOptIn).toArray(Boolean[]::new),
                        orders.stream().map(NewOrder::expectedDeliveryDate).toArray(LocalDate[]::new),
                        orders.stream().map(NewOrder::locale).toArray(String[]::new))))
                .map(result -> result.rowCount());
    }
}
