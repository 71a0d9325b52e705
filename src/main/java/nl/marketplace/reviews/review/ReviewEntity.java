package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The write side of a review: a customer's submission, revisions and exclusions. Reads go through {@link ReviewRepository}. */
@Entity
@Table(name = "review")
public class ReviewEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "partner_id", updatable = false)
    public long partnerId;

    @Column(name = "order_id", updatable = false)
    public long orderId;

    /** The counting overall score: the newest revision's, else the original. */
    public short overall;

    @Column(name = "original_overall", updatable = false)
    public short originalOverall;

    @Column(name = "delivery_time", updatable = false)
    public Short deliveryTime;

    @Column(name = "product_information", updatable = false)
    public Short productInformation;

    @Column(updatable = false)
    public Short delivery;

    @Column(updatable = false)
    public Short contact;

    @Column(updatable = false, columnDefinition = "text")
    public String pros;

    @Column(updatable = false, columnDefinition = "text")
    public String cons;

    @Column(updatable = false)
    public boolean anonymous;

    @Column(name = "author_name", updatable = false, columnDefinition = "text")
    public String authorName;

    /** Approved exclusion: the review counts in nothing (the score aggregates follow, trigger). */
    public boolean excluded;

    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
}
