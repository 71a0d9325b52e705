package nl.marketplace.reviews.event;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Publishes review events with PostgreSQL NOTIFY, inside the transaction of the change: the
 * notification is delivered to every instance's listener ({@link ReviewEventHub}) when, and only
 * when, the change commits.
 */
@ApplicationScoped
public class ReviewEvents {

    static final String CHANNEL = "review_events";

    /** Call inside a @WithTransaction method. */
    public Uni<Void> publish(ReviewEventType type, long partnerKey, long reviewKey) {
        String payload = type.name() + ":" + partnerKey + ":" + reviewKey;
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT pg_notify('" + CHANNEL + "', :payload)")
                        .setParameter("payload", payload).getSingleResult())
                .replaceWithVoid();
    }
}
