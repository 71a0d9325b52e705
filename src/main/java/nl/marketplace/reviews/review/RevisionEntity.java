package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
@Table(name = "revision")
public class RevisionEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "review_id")
    public long reviewId;

    public short overall;

    @Column(name = "previous_overall")
    public short previousOverall;

    @Column(columnDefinition = "text")
    public String comment;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
