package nl.marketplace.reviews.rereview;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.event.ReviewEventType;
import nl.marketplace.reviews.event.ReviewEvents;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.mail.MailKind;
import nl.marketplace.reviews.mail.MailOutbox;
import nl.marketplace.reviews.order.CustomerOrderEntity;
import nl.marketplace.reviews.partner.PartnerEntity;
import nl.marketplace.reviews.graphql.Arguments;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewChanges;
import nl.marketplace.reviews.review.ReviewEntity;
import nl.marketplace.reviews.security.Caller;
import nl.marketplace.reviews.security.LinkTokens;
import nl.marketplace.reviews.security.CallerService;
import nl.marketplace.reviews.time.BusinessTime;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * E-mail de klant, opnieuw laten beoordelen, and the customer's new score. Every write runs in one
 * transaction with the mail it causes (outbox). Each "once" rule holds under concurrency because
 * the row it depends on is locked first: the review for a request, the request for a submission.
 */
@ApplicationScoped
public class ReReviewService {

    static final int MAX_MESSAGE = 5000;
    static final int MAX_COMMENT = 1000;

    private final CallerService callers;
    private final ReReviewRepository repository;
    private final ReReviewRules rules;
    private final ReviewChanges reviews;
    private final MailOutbox outbox;
    private final ReviewEvents events;
    private final Clock clock;
    private final ContactLimits limits;
    private final Batcher<Long, List<CustomerContact>> contactBatcher;
    private final Batcher<Long, ReReviewRules.Facts> factsBatcher;
    private final Batcher<ReReviewRepository.ContactPage, CustomerContactConnection> contactPages;

    public ReReviewService(CallerService callers, ReReviewRepository repository, ReReviewRules rules, ReviewChanges reviews, MailOutbox outbox,
            ReviewEvents events, Clock clock, ContactLimits limits) {
        this.limits = limits;
        this.contactBatcher = new Batcher<>("review-contacts", repository::contacts);
        this.factsBatcher = new Batcher<>("review-re-review", repository::facts);
        this.contactPages = new Batcher<>("review-contact-pages", repository::contactPages);
        this.events = events;
        this.callers = callers;
        this.repository = repository;
        this.rules = rules;
        this.reviews = reviews;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** How often a partner may mail the customer of one review (E-mail de klant), so that it cannot mail without end. */
    @ConfigMapping(prefix = "reviews.customer-contact")
    public interface ContactLimits extends CheckedSettings {
        /** Mails about one review on one day (Europe/Amsterdam). */
        @WithDefault("2")
        int perReviewPerDay();

        /** Mails about one review in all. */
        @WithDefault("10")
        int perReview();

        @Override
        default void check(Checks checks) {
            checks.atLeast("reviews.customer-contact.per-review-per-day", perReviewPerDay(), 1);
            checks.require(perReview() >= perReviewPerDay(), "reviews.customer-contact.per-review", perReview(),
                    "at least reviews.customer-contact.per-review-per-day (" + perReviewPerDay() + ")");
        }
    }

    /**
     * Keeps the partner's message and mails it to the customer, within the limits. Returns the
     * review's key. The review is locked first, so the limits hold under concurrent calls.
     */
    @WithTransaction
    public Uni<Outcome<Long>> emailCustomer(long reviewKey, String message) {
        Caller caller = callers.current();
        return reviews.asItsPartner(caller, reviewKey, review -> {
            String text = Texts.trimmed(message);
            String problem = Texts.problem(text, MAX_MESSAGE);
            if (problem != null) {
                return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.INVALID, "The message " + problem, "input", "message"));
            }
            OffsetDateTime now = OffsetDateTime.now(clock);
            OffsetDateTime dayStart = BusinessTime.startOf(BusinessTime.day(now));
            return CustomerContactEntity.count("reviewId = ?1", reviewKey)
                    .chain(all -> CustomerContactEntity.count("reviewId = ?1 and createdAt >= ?2", reviewKey, dayStart)
                            .chain(today -> {
                                if (all >= limits.perReview() || today >= limits.perReviewPerDay()) {
                                    return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.CONTACT_LIMIT, all >= limits.perReview()
                                            ? "The customer of this review was mailed " + limits.perReview() + " times already"
                                            : "The customer of this review was mailed " + limits.perReviewPerDay()
                                                    + " times today already; try again tomorrow", "input", "reviewId"));
                                }
                                return mailCustomer(review, reviewKey, text, now);
                            }));
        });
    }

    private Uni<Outcome<Long>> mailCustomer(ReviewEntity review, long reviewKey, String text, OffsetDateTime now) {
        CustomerContactEntity contact = new CustomerContactEntity();
        contact.reviewId = reviewKey;
        contact.message = text;
        contact.createdAt = now;
        return contact.persist()
                .chain(() -> mailData(review))
                .chain(mail -> {
                    mail.data.put("message", text);
                    return outbox.enqueue(MailKind.CUSTOMER_MESSAGE, mail.order.customerLocale, mail.order.customerEmail,
                            mail.order.customerId, mail.data, now);
                })
                .chain(() -> events.publish(ReviewEventType.CUSTOMER_EMAILED, review.partnerId, reviewKey))
                .replaceWith(Outcome.ok(reviewKey));
    }

    /** The review's partner or an administrator: the messages to its customer, newest first, a page at a time. */
    public Uni<CustomerContactConnection> customerContacts(Review review, Integer first, String after) {
        // Who asks comes first: a caller without access gets FORBIDDEN, whatever its arguments.
        callers.current().requireReader(review.partnerKey());
        return contactPages.load(new ReReviewRepository.ContactPage(review.key(), Arguments.first(first), ContactCursor.decode(after)));
    }

    /** The review's partner or an administrator: all messages to its customer (the deprecated list). */
    public Uni<List<CustomerContact>> contacts(Review review) {
        callers.current().requireReader(review.partnerKey());
        return contactBatcher.load(review.key()).map(found -> found == null ? List.of() : found);
    }

    /** The review's partner or an administrator: where the re-review stands, and whether one may be asked now. */
    public Uni<ReReview> reReview(Review review) {
        callers.current().requireReader(review.partnerKey());
        return factsBatcher.load(review.key()).map(facts -> rules.state(facts, OffsetDateTime.now(clock)));
    }

    /** Whether the caller may mail the review's customer: its partner (the limits come as userErrors). */
    public boolean viewerCanEmailCustomer(Review review) {
        return callers.current().isPartner(review.partnerKey());
    }

    /** Whether requestReReview would be accepted for the caller now: its partner, and the rules allow it. */
    public Uni<Boolean> viewerCanRequestReReview(Review review) {
        if (!callers.current().isPartner(review.partnerKey())) {
            return Uni.createFrom().item(false);
        }
        return factsBatcher.load(review.key()).map(facts -> facts != null && rules.ineligibility(facts, OffsetDateTime.now(clock)) == null);
    }

    /** Asks the customer, once, for a new overall score. Returns the review's key. */
    @WithTransaction
    public Uni<Outcome<Long>> requestReReview(long reviewKey) {
        Caller caller = callers.current();
        return reviews.asItsPartner(caller, reviewKey, review -> {
            OffsetDateTime now = OffsetDateTime.now(clock);
            return repository.requestOf(reviewKey).chain(existing -> repository.contacted(reviewKey).chain(contacted -> {
                ReReviewRules.Facts facts = new ReReviewRules.Facts(reviewKey, review.overall, review.createdAt, contacted,
                        existing == null ? null : existing.requestedAt, null, null);
                ReReviewIneligibility why = rules.ineligibility(facts, now);
                if (why != null) {
                    return Uni.createFrom().item(refusal(why));
                }
                String token = LinkTokens.newToken();
                ReReviewRequestEntity request = new ReReviewRequestEntity();
                request.reviewId = reviewKey;
                request.tokenHash = LinkTokens.hash(token);
                request.requestedAt = now;
                request.expiresAt = LinkTokens.expiry(now, rules.config().tokenValidity());
                return request.persist()
                        .chain(() -> mailData(review))
                        .chain(mail -> {
                            mail.data.put("expiresOn", BusinessTime.mailDay(LinkTokens.lastDay(now, rules.config().tokenValidity())));
                            return outbox.enqueue(MailKind.RE_REVIEW_REQUEST, mail.order.customerLocale, mail.order.customerEmail,
                                    mail.order.customerId, mail.data, new MailOutbox.Link(rules.config().pageUrl(), token), now);
                        })
                        .chain(() -> events.publish(ReviewEventType.RE_REVIEW_REQUESTED, review.partnerId, reviewKey))
                        .replaceWith(Outcome.ok(reviewKey));
            }));
        });
    }

    /** The customer's new overall score: a revision that counts from now on. Returns the revision's key. */
    @WithTransaction
    public Uni<Outcome<Long>> submitReReview(String token, Integer overall, String comment) {
        if (overall == null || overall < 1 || overall > 10) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The score is a whole number from 1 to 10",
                    "input", "overall"));
        }
        String text = Texts.trimmed(comment);
        String problem = Texts.optionalProblem(text, MAX_COMMENT);
        if (problem != null) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The comment " + problem, "input", "comment"));
        }
        if (!LinkTokens.wellFormed(token)) {
            return Uni.createFrom().item(LinkTokens.<Long>invalid());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return repository.lockRequestByTokenHash(LinkTokens.hash(token)).chain(request -> {
            Outcome<Long> refused = request == null ? LinkTokens.invalid() : LinkTokens.refusal(request.completedAt, request.expiresAt, now);
            if (refused != null) {
                return Uni.createFrom().item(refused);
            }
            return reviews.lock(request.reviewId).chain(review -> reviews.revise(review, overall, text, now).chain(saved -> {
                request.completedAt = now;
                request.revisionId = saved.id;
                return events.publish(ReviewEventType.REVISION, review.partnerId, review.id).replaceWith(Outcome.ok(saved.id));
            }));
        });
    }

    private record MailData(CustomerOrderEntity order, Map<String, Object> data) {
    }

    private static Uni<MailData> mailData(ReviewEntity review) {
        return CustomerOrderEntity.<CustomerOrderEntity>findById(review.orderId)
                .chain(order -> PartnerEntity.<PartnerEntity>findById(review.partnerId).map(partner -> new MailData(order, order.mailData(partner.name))));
    }

    private Outcome<Long> refusal(ReReviewIneligibility why) {
        return switch (why) {
            case ALREADY_REQUESTED -> Outcome.refused(UserErrorCode.ALREADY_REQUESTED,
                    "A re-review was requested for this review before; it can be asked once", "input", "reviewId");
            case CONTACT_REQUIRED -> Outcome.refused(UserErrorCode.CONTACT_REQUIRED,
                    "Email the customer about this review first (emailCustomer)", "input", "reviewId");
            case POSITIVE -> Outcome.refused(UserErrorCode.NOT_ELIGIBLE,
                    "A re-review can only be asked for a review that is not positive", "input", "reviewId");
            case TOO_OLD -> Outcome.refused(UserErrorCode.NOT_ELIGIBLE,
                    "A re-review can only be asked for a review of the last " + rules.config().maxAgeMonths() + " months", "input", "reviewId");
        };
    }
}
