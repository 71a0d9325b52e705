package nl.marketplace.reviews.reply;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The partner's one public reply to a review; its key is the review's. */
@Entity
@Table(name = "reply")
public class ReplyEntity extends PanacheEntityBase {

    @Id
    @Column(name = "review_id")
    public Long reviewId;

    @Column(columnDefinition = "text")
    public String text;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
