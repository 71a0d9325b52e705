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

    @Column(columnDefinition = "text")
    public String reason;

    @Column(columnDefinition = "text")
    public String text;

    @Column(name = "requested_by", columnDefinition = "text")
    public String requestedBy;

    @Column(name = "requested_at")
    public OffsetDateTime requestedAt;

    @Column(columnDefinition = "text")
    public String decision;

    @Column(name = "decision_note", columnDefinition = "text")
    public String decisionNote;

    @Column(name = "decided_by", columnDefinition = "text")
    public String decidedBy;

    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}
