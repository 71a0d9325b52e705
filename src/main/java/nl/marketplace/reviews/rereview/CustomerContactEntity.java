package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A message the partner sent the customer of a review through the platform ("E-mail de klant"). */
@Entity
@Table(name = "customer_contact")
public class CustomerContactEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id")
    public long reviewId;

    @Column(columnDefinition = "text")
    public String message;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
