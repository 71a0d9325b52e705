package nl.marketplace.reviews.exclusion;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.event.ReviewEventType;
import nl.marketplace.reviews.event.ReviewEvents;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.graphql.NotFoundException;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewChanges;
import nl.marketplace.reviews.security.Caller;

/**
 * Uitzonderingen: a partner asks, an administrator decides. While a request is open the review
 * keeps counting; approved, it counts in nothing (review.excluded; the score aggregates follow in
 * the same transaction). Every request and decision is kept with who and when.
 */
@ApplicationScoped
public class ExclusionService {

    static final int MAX_TEXT = 2000;

    private final ReviewChanges reviews;
    private final ReviewEvents events;
    private final Clock clock;
    private final Batcher<Long, List<Exclusion>> batcher;
    private final ExclusionRepository repository;

    public ExclusionService(ReviewChanges reviews, ExclusionRepository repository, ReviewEvents events, Clock clock) {
        this.reviews = reviews;
        this.events = events;
        this.clock = clock;
        this.batcher = new Batcher<>("review-exclusions", repository::ofReviews);
        this.repository = repository;
    }

    /** The review's partner or an administrator: its exclusion requests and their decisions, newest first. */
    public Uni<List<Exclusion>> of(Caller caller, Review review) {
        caller.requireReader(review.partnerKey());
        return batcher.load(review.key()).map(found -> found == null ? List.of() : found);
    }

    /**
     * node(id) of an exclusion request: for the review's partner and administrators; NOT_FOUND for anyone
     * else, as for an id that names nothing (whether a review has such a request is private too).
     */
    public Uni<Exclusion> find(Caller caller, long key) {
        return repository.findWithPartner(key).map(found -> {
            if (found == null || !caller.mayRead(found.partnerKey())) {
                throw new NotFoundException("No object with this id");
            }
            return found.exclusion();
        });
    }

    /** Whether request() would be accepted for the caller now: the review's partner, not excluded, no open request. */
    public Uni<Boolean> viewerCanRequest(Caller caller, Review review) {
        if (!caller.isPartner(review.partnerKey()) || review.excluded()) {
            return Uni.createFrom().item(false);
        }
        return batcher.load(review.key()).map(found -> found == null || found.stream().allMatch(e -> e.decision() != null));
    }

    /** Returns the request's key. */
    @WithTransaction
    public Uni<Outcome<Long>> request(Caller caller, long reviewKey, ExclusionReason reason, String text) {
        return reviews.asItsPartner(caller, reviewKey, review -> {
            String trimmed = Texts.trimmed(text);
            String problem = Texts.problem(trimmed, MAX_TEXT);
            if (problem != null) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.INVALID, "The explanation " + problem, "input", "text"));
            }
            if (review.excluded) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.ALREADY_EXCLUDED,
                        "This review is excluded already", "input", "reviewId"));
            }
            return ExclusionEntity.<ExclusionEntity>list("reviewId", reviewKey).chain(earlier -> {
                if (earlier.stream().anyMatch(e -> e.decision == null)) {
                    return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.OPEN_REQUEST,
                            "This review has an open exclusion request", "input", "reviewId"));
                }
                if (earlier.stream().anyMatch(e -> ExclusionDecision.REJECTED.name().equals(e.decision) && e.reason.equals(reason.name()))) {
                    return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.NEW_REASON_REQUIRED,
                            "This reason was rejected for this review before", "input", "reason"));
                }
                ExclusionEntity exclusion = new ExclusionEntity();
                exclusion.reviewId = reviewKey;
                exclusion.reason = reason.name();
                exclusion.text = trimmed;
                exclusion.requestedBy = caller.subject();
                exclusion.requestedAt = OffsetDateTime.now(clock);
                return exclusion.<ExclusionEntity>persistAndFlush()
                        .call(() -> events.publish(ReviewEventType.EXCLUSION_REQUESTED, review.partnerId, reviewKey))
                        .map(saved -> Outcome.ok(saved.id));
            });
        });
    }

    /** Returns the request's key. */
    @WithTransaction
    public Uni<Outcome<Long>> decide(Caller caller, long exclusionKey, ExclusionDecision decision, String note) {
        caller.requireAdmin("decides exclusions");
        String trimmed = Texts.trimmed(note);
        String problem = Texts.optionalProblem(trimmed, MAX_TEXT);
        if (problem != null) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The note " + problem, "input", "note"));
        }
        return ExclusionEntity.<ExclusionEntity>findById(exclusionKey, LockModeType.PESSIMISTIC_WRITE).chain(exclusion -> {
            if (exclusion == null) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.NOT_FOUND, "No exclusion request with this id",
                        "input", "exclusionId"));
            }
            if (exclusion.decision != null) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.ALREADY_DECIDED, "This request was decided already",
                        "input", "exclusionId"));
            }
            exclusion.decision = decision.name();
            exclusion.decisionNote = trimmed;
            exclusion.decidedBy = caller.subject();
            exclusion.decidedAt = OffsetDateTime.now(clock);
            // The partner's dashboard shows the decision, and an approval changes its figures.
            Uni<Void> excluded = decision == ExclusionDecision.REJECTED ? Uni.createFrom().voidItem() : reviews.exclude(exclusion.reviewId);
            return excluded.chain(() -> reviews.lock(exclusion.reviewId))
                    .chain(review -> events.publish(ReviewEventType.EXCLUSION_DECIDED, review.partnerId, review.id))
                    .replaceWith(Outcome.ok(exclusionKey));
        });
    }
}
