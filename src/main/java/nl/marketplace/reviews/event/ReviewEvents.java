package nl.marketplace.reviews.event;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Publishes review events inside the transaction of the change, with publish_review_event()
 * (migration V4): the event is numbered and kept for catching up, and PostgreSQL NOTIFY delivers it
 * to every instance's listener ({@link ReviewEventHub}) when, and only when, the change commits.
 */
@ApplicationScoped
public class ReviewEvents {

    static final String CHANNEL = "review_events";

    /** Call inside a @WithTransaction method. */
    public Uni<Void> publish(ReviewEventType type, long partnerKey, long reviewKey) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT publish_review_event(:type, :partner, :review)")
                        .setParameter("type", type.name()).setParameter("partner", partnerKey).setParameter("review", reviewKey)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
