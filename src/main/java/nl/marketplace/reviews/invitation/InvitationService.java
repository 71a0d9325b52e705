package nl.marketplace.reviews.invitation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.event.ReviewEventType;
import nl.marketplace.reviews.event.ReviewEvents;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.mail.MailKind;
import nl.marketplace.reviews.mail.MailOutbox;
import nl.marketplace.reviews.order.CustomerOrderEntity;
import nl.marketplace.reviews.review.ReviewChanges;
import nl.marketplace.reviews.security.LinkTokens;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * Review invitations and the reviews that answer them. The job works in short transactions, each
 * under a transaction-scoped advisory lock: instances that run it at the same moment take turns, and
 * the primary key of review_invitation (one per order) is the last line of defence.
 */
@ApplicationScoped
public class InvitationService {

    /** The advisory lock of the invitation job. */
    static final long JOB_LOCK = 7_310_001L;
    static final int MAX_TEXT = 2000;

    /** What one run did: sent and expired invitations, due orders left waiting for another day, and in how many batches. */
    public record Run(boolean ran, int sent, int expired, int waiting, int batches) {
    }

    private final InvitationRules rules;
    private final MailOutbox outbox;
    private final ReviewEvents events;
    private final Clock clock;
    private final Pool pool;
    private final ReviewChanges reviews;

    public InvitationService(InvitationRules rules, MailOutbox outbox, ReviewEvents events, Clock clock, Pool pool, ReviewChanges reviews) {
        this.pool = pool;
        this.reviews = reviews;
        this.rules = rules;
        this.outbox = outbox;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One run of the job for the clock's today (Europe/Amsterdam): expires the orders past their
     * window, then sends what may go out today in batches, each a short transaction of its own, until
     * nothing sendable is left. A batch holds only orders that can be sent now: at most one per
     * customer, and none for a customer who already got a mail from the platform today (those wait
     * for a later day without holding up the others).
     */
    public Uni<Run> run() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = BusinessTime.day(now);
        return pool.withTransaction(conn -> lock(conn).chain(locked -> locked ? expire(conn, today) : Uni.createFrom().item(-1)))
                .chain(expired -> expired < 0 ? Uni.createFrom().item(new Run(false, 0, 0, 0, 0))
                        : sendBatches(today, now, Position.START, 0, 0).chain(sent -> waiting(today)
                                .map(waiting -> new Run(true, sent[0], expired, waiting, sent[1]))));
    }

    /** Instances that run the job at the same moment take turns, batch by batch. */
    private static Uni<Boolean> lock(SqlConnection conn) {
        return conn.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(JOB_LOCK))
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /**
     * Orders past the last day of their window that got no invitation: expired, never sent. Reads only
     * the orders still pending (customer_order_pending, migration V11), not every order ever made.
     */
    private Uni<Integer> expire(SqlConnection conn, LocalDate today) {
        return conn.preparedQuery(EXPIRE).execute(Tuple.of(today, rules.earliestDelivery(today))).map(rows -> rows.rowCount());
    }

    public static final String EXPIRE = """
            INSERT INTO review_invitation (order_id, status, decided_on)
            SELECT o.id, 'EXPIRED', $1 FROM customer_order o
            WHERE o.invitation_pending AND o.expected_delivery_date < $2
            ON CONFLICT DO NOTHING""";

    /** Where a run has got to in the due orders: (expected delivery date, id) of the last one it looked at. */
    private record Position(LocalDate delivery, long id) {
        static final Position START = new Position(LocalDate.of(1, 1, 1), 0);
    }

    /**
     * {sent, batches}, batch after batch, each from where the last one ended (so a run reads the due
     * orders once, however many wait), until none are left or another instance holds the lock.
     */
    private Uni<int[]> sendBatches(LocalDate today, OffsetDateTime now, Position after, int sent, int batches) {
        return pool.withTransaction(conn -> lock(conn).chain(locked -> !locked ? Uni.createFrom().item((Batch) null)
                : sendable(conn, today, after).chain(orders -> invite(conn, orders, today, now))))
                .chain(batch -> batch == null || batch.next() == null ? Uni.createFrom().item(new int[] { sent, batches })
                        : sendBatches(today, now, batch.next(), sent + batch.sent(), batches + 1));
    }

    /** What a batch sent, and where the next one starts (null: the due orders are done). */
    private record Batch(int sent, Position next) {
    }

    /**
     * The next due orders after a position, oldest delivery first, of customers not mailed today
     * (this run's earlier batches included). A customer with two such orders gets one today.
     */
    private Uni<RowSet<Row>> sendable(SqlConnection conn, LocalDate today, Position after) {
        OffsetDateTime dayStart = BusinessTime.startOf(today);
        OffsetDateTime dayEnd = BusinessTime.endOf(today);
        return conn.preparedQuery(SENDABLE).execute(Tuple.tuple().addLocalDate(rules.earliestDelivery(today)).addLocalDate(rules.latestDelivery(today))
                .addLocalDate(after.delivery()).addLong(after.id())
                .addOffsetDateTime(dayStart).addOffsetDateTime(dayEnd).addInteger(rules.config().batchSize()));
    }

    public static final String SENDABLE = """
            SELECT o.id, o.expected_delivery_date, p.name AS partner_name, o.order_number, o.customer_id,
                   o.customer_first_name, o.customer_email, o.customer_locale
            FROM customer_order o JOIN partner p ON p.id = o.partner_id
            WHERE o.invitation_pending AND o.expected_delivery_date BETWEEN $1 AND $2
              AND (o.expected_delivery_date, o.id) > ($3, $4)
              AND NOT EXISTS (SELECT 1 FROM outbox_mail m WHERE m.customer_id = o.customer_id
                              AND m.created_at >= $5 AND m.created_at < $6)
            ORDER BY o.expected_delivery_date, o.id
            LIMIT $7""";

    /** Invitations and their mails for a batch, in two statements. */
    private Uni<Batch> invite(SqlConnection conn, RowSet<Row> orders, LocalDate today, OffsetDateTime now) {
        if (orders.size() == 0) {
            return Uni.createFrom().item(new Batch(0, null));
        }
        OffsetDateTime expiresAt = LinkTokens.expiry(now, rules.config().linkValidity());
        String expiresOn = BusinessTime.mailDay(LinkTokens.lastDay(now, rules.config().linkValidity()));
        List<Long> ids = new ArrayList<>();
        List<Buffer> hashes = new ArrayList<>();
        List<MailOutbox.Rendered> mails = new ArrayList<>();
        Set<String> customers = new HashSet<>();
        Position last = null;
        for (Row order : orders) {
            last = new Position(order.getLocalDate("expected_delivery_date"), order.getLong("id"));
            if (!customers.add(order.getString("customer_id"))) {
                continue; // this customer's other order waits for another day
            }
            String token = LinkTokens.newToken();
            ids.add(order.getLong("id"));
            hashes.add(Buffer.buffer(LinkTokens.hash(token)));
            Map<String, Object> data = CustomerOrderEntity.mailData(order.getString("customer_first_name"),
                    order.getString("partner_name"), order.getString("order_number"));
            data.put("expiresOn", expiresOn);
            mails.add(outbox.render(MailKind.REVIEW_INVITATION, order.getString("customer_locale"), order.getString("customer_email"),
                    order.getString("customer_id"), data, new MailOutbox.Link(rules.config().pageUrl(), token)));
        }
        Position next = last;
        return conn.preparedQuery("""
                INSERT INTO review_invitation (order_id, status, token_hash, sent_at, expires_at, decided_on)
                SELECT o, 'SENT', h, $3, $4, $5 FROM unnest($1::bigint[], $2::bytea[]) AS t(o, h)""")
                .execute(Tuple.tuple().addArrayOfLong(ids.toArray(Long[]::new)).addValue(hashes.toArray(Buffer[]::new))
                        .addOffsetDateTime(now).addOffsetDateTime(expiresAt).addLocalDate(today))
                .chain(() -> outbox.enqueueAll(conn, mails, now))
                .replaceWith(new Batch(ids.size(), next));
    }

    /** Due orders that wait for a later day (their customer was mailed today). */
    private Uni<Integer> waiting(LocalDate today) {
        return pool.preparedQuery(WAITING)
                .execute(Tuple.of(rules.earliestDelivery(today), rules.latestDelivery(today)))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    public static final String WAITING = """
            SELECT count(*) FROM customer_order o
            WHERE o.invitation_pending AND o.expected_delivery_date BETWEEN $1 AND $2""";

    /** The customer's review, with the invitation's token: one per order; counts at once. Returns the review's key. */
    @WithTransaction
    public Uni<Outcome<Long>> submitReview(SubmitReviewInput input) {
        Outcome<Long> invalid = check(input);
        if (invalid != null) {
            return Uni.createFrom().item(invalid);
        }
        if (!LinkTokens.wellFormed(input.token())) {
            return Uni.createFrom().item(LinkTokens.<Long>invalid());
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        return ReviewInvitationEntity.<ReviewInvitationEntity>find("tokenHash", (Object) LinkTokens.hash(input.token()))
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                .chain(invitation -> {
                    Outcome<Long> refused = invitation == null ? LinkTokens.invalid() : LinkTokens.refusal(invitation.usedAt, invitation.expiresAt, now);
                    if (refused != null) {
                        return Uni.createFrom().item(refused);
                    }
                    return CustomerOrderEntity.<CustomerOrderEntity>findById(invitation.orderId).chain(order -> {
                        invitation.usedAt = now;
                        return reviews.create(new ReviewChanges.NewReview(order.partnerId, order.id, input.overall(), input.deliveryTime(),
                                input.productInformation(), input.delivery(), input.contact(), Texts.trimmed(input.pros()),
                                Texts.trimmed(input.cons()), Boolean.TRUE.equals(input.anonymous()), order.customerFirstName,
                                order.customerCity), now)
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
            String problem = Texts.optionalProblem(t, MAX_TEXT);
            if (problem != null) {
                return Outcome.refused(UserErrorCode.INVALID, "The text " + problem, "input", text[0]);
            }
        }
        return null;
    }

    private static boolean score(Integer value) {
        return value != null && value >= 1 && value <= 10;
    }
}
