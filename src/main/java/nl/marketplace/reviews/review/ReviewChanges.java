package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.security.Caller;

/**
 * Where a review is made and changed, and nowhere else: other features (invitations, re-reviews,
 * replies, exclusions) call these inside their transactions instead of writing review rows.
 */
@ApplicationScoped
public class ReviewChanges {

    /** What the customer submitted, with the order it is about. */
    public record NewReview(long partnerKey, long orderKey, int overall, Integer deliveryTime, Integer productInformation,
            Integer delivery, Integer contact, String pros, String cons, boolean anonymous, String customerFirstName,
            String customerCity) {
    }

    /**
     * A partner's action on one of its reviews: locks the review, so that concurrent actions on it
     * queue up and their limits hold; an unknown review is NOT_FOUND, another partner's FORBIDDEN.
     */
    public <T> Uni<Outcome<T>> asItsPartner(Caller caller, long reviewKey, Function<ReviewEntity, Uni<Outcome<T>>> action) {
        return lock(reviewKey).chain(review -> {
            if (review == null) {
                return Uni.createFrom().item(Outcome.<T>reviewNotFound());
            }
            caller.requirePartner(review.partnerId);
            return action.apply(review);
        });
    }

    /** The review, locked for the rest of the transaction; null when there is none. */
    public Uni<ReviewEntity> lock(long reviewKey) {
        return ReviewEntity.findById(reviewKey, LockModeType.PESSIMISTIC_WRITE);
    }

    /** A new review; it counts at once (the aggregates follow the row by trigger). */
    public Uni<ReviewEntity> create(NewReview submitted, OffsetDateTime at) {
        ReviewEntity review = new ReviewEntity();
        review.partnerId = submitted.partnerKey();
        review.orderId = submitted.orderKey();
        review.overall = (short) submitted.overall();
        review.originalOverall = review.overall;
        review.deliveryTime = small(submitted.deliveryTime());
        review.productInformation = small(submitted.productInformation());
        review.delivery = small(submitted.delivery());
        review.contact = small(submitted.contact());
        review.pros = submitted.pros();
        review.cons = submitted.cons();
        review.anonymous = submitted.anonymous();
        review.authorName = authorName(submitted.anonymous(), submitted.customerFirstName(), submitted.customerCity());
        review.createdAt = at;
        return review.persistAndFlush();
    }

    /** "Jenny uit Enschede", or "Anoniem": fixed when the review is given. */
    public static String authorName(boolean anonymous, String firstName, String city) {
        return anonymous ? "Anoniem" : firstName + " uit " + city;
    }

    /** The customer's new overall score: a revision, and the score that counts from now on. */
    public Uni<RevisionEntity> revise(ReviewEntity review, int overall, String comment, OffsetDateTime at) {
        RevisionEntity revision = new RevisionEntity();
        revision.reviewId = review.id;
        revision.overall = (short) overall;
        revision.previousOverall = review.overall;
        revision.comment = comment;
        revision.createdAt = at;
        // The aggregates follow review.overall (trigger); the sub-scores never change.
        review.overall = (short) overall;
        return revision.persistAndFlush();
    }

    /** An approved exclusion: the review stays visible and counts in nothing. */
    public Uni<Void> exclude(long reviewKey) {
        return lock(reviewKey).invoke(review -> review.excluded = true).replaceWithVoid();
    }

    private static Short small(Integer value) {
        return value == null ? null : value.shortValue();
    }
}
