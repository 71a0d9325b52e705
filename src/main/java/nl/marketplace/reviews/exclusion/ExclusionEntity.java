package nl.marketplace.reviews.exclusion;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "review_exclusion")
public class ExclusionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id")
    public long reviewId;

    public String reason;

    public String text;

    @Column(name = "requested_by")
    public String requestedBy;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    public String decision;

    @Column(name = "decision_note")
    public String decisionNote;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
