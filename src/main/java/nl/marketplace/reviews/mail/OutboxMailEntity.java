package nl.marketplace.reviews.mail;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A mail waiting in the outbox; written with the change that causes it, sent by {@link MailDelivery}. */
@Entity
@Table(name = "outbox_mail")
public class OutboxMailEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(columnDefinition = "text")
    public String kind;

    @Column(columnDefinition = "text")
    public String recipient;

    /** The customer the mail is for, when it is for one: at most one invitation-day mail per customer. */
    @Column(name = "customer_id", columnDefinition = "text")
    public String customerId;

    @Column(columnDefinition = "text")
    public String subject;

    @Column(name = "text_body", columnDefinition = "text")
    public String textBody;

    @Column(name = "html_body", columnDefinition = "text")
    public String htmlBody;

    /** The link's token, sealed (LinkSealer); dropped when the mail is sent. */
    @Column(name = "link_secret")
    public byte[] linkSecret;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    /** Set by the database (now()): the delivery job compares it with the database's clock. */
    @Column(name = "next_attempt_at", insertable = false, updatable = false)
    public OffsetDateTime nextAttemptAt;
}
