package nl.marketplace.reviews.invitation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.event.ReviewEventType;
import nl.marketplace.reviews.event.ReviewEvents;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.mail.MailKind;
import nl.marketplace.reviews.mail.MailOutbox;
import nl.marketplace.reviews.mail.OutboxMailEntity;
import nl.marketplace.reviews.order.CustomerOrderEntity;
import nl.marketplace.reviews.partner.PartnerEntity;
import nl.marketplace.reviews.review.ReviewEntity;
import nl.marketplace.reviews.security.LinkTokens;
import nl.marketplace.reviews.score.ScoreService;

/**
 * Review invitations and the reviews that answer them. The job runs in one transaction under a
 * transaction-scoped advisory lock: instances that run it at the same moment take turns, and the
 * primary key of review_invitation (one per order) is the last line of defence.
 */
@ApplicationScoped
public class InvitationService {

    /** The advisory lock of the invitation job. */
    static final long JOB_LOCK = 7_310_001L;
    static final int MAX_TEXT = 2000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d-M-yyyy");

    /** What one run did. */
    public record Run(boolean ran, int sent, int expired, int waiting) {
    }

    private final InvitationRules rules;
    private final MailOutbox outbox;
    private final ReviewEvents events;
    private final Clock clock;

    public InvitationService(InvitationRules rules, MailOutbox outbox, ReviewEvents events, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /** One run of the job for the clock's today (Europe/Amsterdam). */
    @WithTransaction
    public Uni<Run> run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = now.atZoneSameInstant(ScoreService.ZONE).toLocalDate();
        return Panache.getSession()
                .chain(s -> s.createNativeQuery("SELECT pg_try_advisory_xact_lock(" + JOB_LOCK + ")", Boolean.class).getSingleResult())
                .chain(locked -> !locked ? Uni.createFrom().item(new Run(false, 0, 0, 0))
                        : expire(today).chain(expired -> due(today).chain(orders -> send(orders, today, now)
                                .map(sent -> new Run(true, sent, expired, orders.size() - sent)))));
    }

    /** Orders past the last day of their window that got no invitation: expired, never sent. */
    private Uni<Integer> expire(LocalDate today) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                INSERT INTO review_invitation (order_id, status, decided_on)
                SELECT o.id, 'EXPIRED', :today FROM customer_order o
                WHERE o.review_opt_in AND o.expected_delivery_date < :earliest
                  AND NOT EXISTS (SELECT 1 FROM review_invitation i WHERE i.order_id = o.id)
                  AND NOT EXISTS (SELECT 1 FROM review r WHERE r.order_id = o.id)
                ON CONFLICT DO NOTHING""")
                .setParameter("today", today).setParameter("earliest", rules.earliestDelivery(today)).executeUpdate());
    }

    private Uni<List<CustomerOrderEntity>> due(LocalDate today) {
        return CustomerOrderEntity.<CustomerOrderEntity>find("""
                from CustomerOrderEntity o
                where o.reviewOptIn = true and o.expectedDeliveryDate between ?1 and ?2
                  and not exists (select 1 from ReviewInvitationEntity i where i.orderId = o.id)
                  and not exists (select 1 from ReviewEntity r where r.orderId = o.id)
                order by o.expectedDeliveryDate, o.id""", rules.earliestDelivery(today), rules.latestDelivery(today))
                .page(0, rules.config().batchSize()).list();
    }

    /** Sends the due orders' invitations, skipping customers who got a mail today (they wait for a later day). */
    private Uni<Integer> send(List<CustomerOrderEntity> orders, LocalDate today, OffsetDateTime now) {
        if (orders.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime dayStart = today.atStartOfDay(ScoreService.ZONE).toOffsetDateTime();
        List<String> customers = orders.stream().map(o -> o.customerId).distinct().toList();
        return OutboxMailEntity.<OutboxMailEntity>find("customerId in ?1 and createdAt >= ?2 and createdAt < ?3",
                customers, dayStart, dayStart.plusDays(1)).list()
                .chain(mailedToday -> {
                    Set<String> mailed = new HashSet<>();
                    mailedToday.forEach(m -> mailed.add(m.customerId));
                    return Multi.createFrom().iterable(orders)
                            .onItem().transformToUniAndConcatenate(order -> mailed.add(order.customerId)
                                    ? invite(order, today, now).replaceWith(1)
                                    : Uni.createFrom().item(0))
                            .collect().asList()
                            .map(sent -> sent.stream().mapToInt(Integer::intValue).sum());
                });
    }

    private Uni<Void> invite(CustomerOrderEntity order, LocalDate today, OffsetDateTime now) {
        String token = LinkTokens.newToken();
        ReviewInvitationEntity invitation = new ReviewInvitationEntity();
        invitation.orderId = order.id;
        invitation.status = ReviewInvitationEntity.SENT;
        invitation.tokenHash = LinkTokens.hash(token);
        invitation.sentAt = now;
        invitation.expiresAt = now.plus(rules.config().linkValidity());
        invitation.decidedOn = today;
        return invitation.persist()
                .chain(() -> PartnerEntity.<PartnerEntity>findById(order.partnerId))
                .chain(partner -> {
                    Map<String, Object> data = order.mailData(partner.name);
                    data.put("link", rules.config().pageUrl() + "?token=" + token);
                    data.put("expiresOn", invitation.expiresAt.atZoneSameInstant(ScoreService.ZONE).format(DAY));
                    return outbox.enqueue(MailKind.REVIEW_INVITATION, order.customerLocale, order.customerEmail,
                            order.customerId, data, now);
                });
    }

    /** The customer's review, with the invitation's token: one per order; counts at once. Returns the review's key. */
    @WithTransaction
    public Uni<Outcome<Long>> submitReview(SubmitReviewInput input) {
        Outcome<Long> invalid = check(input);
        if (invalid != null) {
            return Uni.createFrom().item(invalid);
        }
        if (!LinkTokens.wellFormed(input.token())) {
            return Uni.createFrom().item(invalidToken());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ReviewInvitationEntity.<ReviewInvitationEntity>find("tokenHash", (Object) LinkTokens.hash(input.token()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(invitation -> {
                    if (invitation == null) {
                        return Uni.createFrom().item(invalidToken());
                    }
                    if (invitation.usedAt != null) {
                        return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.TOKEN_USED,
                                "This link was used already", "input", "token"));
                    }
                    if (!now.isBefore(invitation.expiresAt)) {
                        return Uni.createFrom().item(Outcome.<Long>refused(UserErrorCode.TOKEN_EXPIRED,
                                "This link has expired", "input", "token"));
                    }
                    return CustomerOrderEntity.<CustomerOrderEntity>findById(invitation.orderId).chain(order -> {
                        ReviewEntity review = new ReviewEntity();
                        review.partnerId = order.partnerId;
                        review.orderId = order.id;
                        review.overall = input.overall().shortValue();
                        review.originalOverall = review.overall;
                        review.deliveryTime = small(input.deliveryTime());
                        review.productInformation = small(input.productInformation());
                        review.delivery = small(input.delivery());
                        review.contact = small(input.contact());
                        review.pros = Texts.trimmed(input.pros());
                        review.cons = Texts.trimmed(input.cons());
                        review.anonymous = Boolean.TRUE.equals(input.anonymous());
                        review.authorName = review.anonymous ? "Anoniem" : order.customerFirstName + " uit " + order.customerCity;
                        review.createdAt = now;
                        invitation.usedAt = now;
                        return review.<ReviewEntity>persistAndFlush()
                                .chain(saved -> events.publish(ReviewEventType.NEW_REVIEW, saved.partnerId, saved.id)
                                        .replaceWith(Outcome.ok(saved.id)));
                    });
                });
    }

    /** The first problem of the scores and texts, or null. */
    private static Outcome<Long> check(SubmitReviewInput input) {
        if (!score(input.overall())) {
            return Outcome.refused(UserErrorCode.INVALID, "The overall score is a whole number from 1 to 10", "input", "overall");
        }
        Map<String, Integer> subScores = new java.util.LinkedHashMap<>();
        subScores.put("deliveryTime", input.deliveryTime());
        subScores.put("productInformation", input.productInformation());
        subScores.put("delivery", input.delivery());
        subScores.put("contact", input.contact());
        for (Map.Entry<String, Integer> sub : subScores.entrySet()) {
            if (sub.getValue() != null && !score(sub.getValue())) {
                return Outcome.refused(UserErrorCode.INVALID, "A score is a whole number from 1 to 10", "input", sub.getKey());
            }
        }
        if (input.contact() != null && !Boolean.TRUE.equals(input.hadContact())) {
            return Outcome.refused(UserErrorCode.INVALID, "Contact is only scored when there was contact (hadContact)",
                    "input", "contact");
        }
        for (String[] text : new String[][] { { "pros", input.pros() }, { "cons", input.cons() } }) {
            String t = Texts.trimmed(text[1]);
            if (t != null && !Texts.fits(t, MAX_TEXT)) {
                return Outcome.refused(UserErrorCode.INVALID, "At most " + MAX_TEXT + " characters", "input", text[0]);
            }
        }
        return null;
    }

    private static boolean score(Integer value) {
        return value != null && value >= 1 && value <= 10;
    }

    private static Short small(Integer value) {
        return value == null ? null : value.shortValue();
    }

    private static Outcome<Long> invalidToken() {
        return Outcome.refused(UserErrorCode.INVALID_TOKEN, "This link is not valid", "input", "token");
    }
}
