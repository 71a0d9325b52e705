package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A partner's one request for a new overall score on a review; the token is kept as a hash. */
@Entity
@Table(name = "re_review_request")
public class ReReviewRequestEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id")
    public long reviewId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    @Column(name = "revision_id")
    public Long revisionId;
}
