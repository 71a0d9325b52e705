package nl.marketplace.reviews.reply;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.event.ReviewEventType;
import nl.marketplace.reviews.event.ReviewEvents;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.review.ReviewChanges;
import nl.marketplace.reviews.security.Caller;
import nl.marketplace.reviews.security.CallerService;

/** Replies (reageren): one public reply per review, by the review's own partner, editable and deletable. */
@ApplicationScoped
public class ReplyService {

    static final int MAX_LENGTH = 2000;

    private final CallerService callers;
    private final ReviewChanges reviews;
    private final ReviewEvents events;
    private final Clock clock;

    public ReplyService(CallerService callers, ReviewChanges reviews, ReviewEvents events, Clock clock) {
        this.reviews = reviews;
        this.events = events;
        this.callers = callers;
        this.clock = clock;
    }

    /** Whether the caller may reply to the review: its partner (never an administrator in its name). */
    public boolean viewerCanReply(nl.marketplace.reviews.review.Review review) {
        return callers.current().isPartner(review.partnerKey());
    }

    /** Creates or replaces the reply. The review row is locked so that concurrent replies queue up. */
    @WithTransaction
    public Uni<Outcome<Long>> reply(long reviewKey, String text) {
        Caller caller = callers.current();
        return reviews.asItsPartner(caller, reviewKey, review -> {
            String trimmed = Texts.trimmed(text);
            String problem = Texts.problem(trimmed, MAX_LENGTH);
            if (problem != null) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.INVALID, "The reply " + problem, "input", "text"));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            return ReplyEntity.<ReplyEntity>findById(reviewKey).chain(existing -> {
                ReplyEntity reply = existing;
                if (reply == null) {
                    reply = new ReplyEntity();
                    reply.reviewId = reviewKey;
                    reply.createdAt = now;
                }
                reply.text = trimmed;
                reply.updatedAt = now;
                return reply.<ReplyEntity>persist();
            }).chain(() -> events.publish(ReviewEventType.REPLY, review.partnerId, reviewKey)).replaceWith(Outcome.ok(reviewKey));
        });
    }

    @WithTransaction
    public Uni<Outcome<Long>> delete(long reviewKey) {
        Caller caller = callers.current();
        return reviews.asItsPartner(caller, reviewKey, review -> ReplyEntity.deleteById(reviewKey)
                .chain(deleted -> deleted ? events.publish(ReviewEventType.REPLY_DELETED, review.partnerId, reviewKey) : Uni.createFrom().voidItem())
                .replaceWith(Outcome.ok(reviewKey)));
    }
}
