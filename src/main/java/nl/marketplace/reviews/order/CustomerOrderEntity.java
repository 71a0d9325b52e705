package nl.marketplace.reviews.order;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An order as the platform registered it: who the customer is and how to reach them. Private. */
@Entity
@Table(name = "customer_order")
public class CustomerOrderEntity extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "order_number", columnDefinition = "text")
    public String orderNumber;

    @Column(name = "partner_id")
    public long partnerId;

    @Column(name = "customer_id", columnDefinition = "text")
    public String customerId;

    @Column(name = "customer_city", columnDefinition = "text")
    public String customerCity;

    @Column(name = "review_opt_in")
    public boolean reviewOptIn;

    @Column(name = "customer_first_name", columnDefinition = "text")
    public String customerFirstName;

    @Column(name = "customer_email", columnDefinition = "text")
    public String customerEmail;

    /** "nl" or "en": the language of the customer's mails. */
    @Column(name = "customer_locale", columnDefinition = "text")
    public String customerLocale;

    @Column(name = "expected_delivery_date")
    public LocalDate expectedDeliveryDate;

    /** What every mail about this order shows: the customer's first name, the partner, the order number. */
    public Map<String, Object> mailData(String partnerName) {
        return mailData(customerFirstName, partnerName, orderNumber);
    }

    /** What every mail about an order says of it (the invitation job reads orders without entities). */
    public static Map<String, Object> mailData(String customerFirstName, String partnerName, String orderNumber) {
        Map<String, Object> data = new HashMap<>();
        data.put("firstName", customerFirstName);
        data.put("partnerName", partnerName);
        data.put("orderNumber", orderNumber);
        return data;
    }
}
