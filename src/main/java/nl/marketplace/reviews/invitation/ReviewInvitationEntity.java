package nl.marketplace.reviews.invitation;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The one review invitation of an order: SENT (with the hash of its link's token) or EXPIRED unsent. */
@Entity
@Table(name = "review_invitation")
public class ReviewInvitationEntity extends PanacheEntityBase {

    public static final String SENT = "SENT";
    public static final String EXPIRED = "EXPIRED";

    @Id
    @Column(name = "order_id")
    public Long orderId;

    @Column(columnDefinition = "text")
    public String status;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @Column(name = "used_at")
    public OffsetDateTime usedAt;

    /** The day (Europe/Amsterdam) the job sent it or let it expire. */
    @Column(name = "decided_on")
    public LocalDate decidedOn;
}
