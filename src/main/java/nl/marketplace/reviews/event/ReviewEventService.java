package nl.marketplace.reviews.event;

import java.nio.BufferOverflowException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import io.vertx.mutiny.core.Vertx;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.event.ReviewEventHub.Live;
import nl.marketplace.reviews.event.ReviewEventHub.Notification;
import nl.marketplace.reviews.event.ReviewEventHub.Signal;
import nl.marketplace.reviews.event.ReviewEventRepository.StoredEvent;
import nl.marketplace.reviews.graphql.ServiceUnavailable;
import nl.marketplace.reviews.observability.Spans;
import nl.marketplace.reviews.review.ReviewService;
import nl.marketplace.reviews.security.Caller;

/**
 * A partner's review events as one subscription sees them: every event of its partner exactly once,
 * in the partner's order, none of another partner's.
 *
 * <p>Each partner's events are numbered without gaps (migration V4). A subscription knows the last
 * number it delivered; a notification with the next number is delivered at once, one it already
 * delivered is skipped, and one further on (notifications were lost, for example while the LISTEN
 * connection was away) makes it catch up from the events table first. A subscription that starts
 * with {@code after} catches up from that cursor. Its waiting signals are bounded
 * ({@code reviews.events.subscriber-buffer}): a client that cannot keep up is ended with
 * SUBSCRIPTION_OVERFLOW and resumes from its last cursor, so nobody else waits for it.
 */
@ApplicationScoped
public class ReviewEventService {

    private static final Logger LOG = Logger.getLogger(ReviewEventService.class);

    private final ReviewEventHub hub;
    private final ReviewEventRepository events;
    private final ReviewService reviews;
    private final ReviewEventHub.Config config;
    private final Vertx vertx;
    private final Tracer tracer;

    public ReviewEventService(ReviewEventHub hub, ReviewEventRepository events, ReviewService reviews,
            ReviewEventHub.Config config, Vertx vertx, Tracer tracer) {
        this.tracer = tracer;
        this.hub = hub;
        this.events = events;
        this.reviews = reviews;
        this.config = config;
        this.vertx = vertx;
    }

    /**
     * @param after the cursor of the last event the client has (null: from now on)
     * @param expiresAt when the caller's sign-in ends (null: never); the subscription ends then
     */
    public Multi<ReviewEvent> events(Caller caller, long partnerKey, String after, Instant expiresAt) {
        // The partner itself or an administrator, checked first: before the cursor is read, and
        // before anything is subscribed.
        caller.requireReader(partnerKey, "These are another partner's review events", "Sign in as the partner to follow its review events");
        Long afterSeq = after == null ? null : EventCursor.seqOf(after, partnerKey, "after");
        // Deferred: the last number delivered belongs to one subscriber, however often the Multi is subscribed.
        return Multi.createFrom().deferred(() -> {
            AtomicLong last = new AtomicLong();
            return signals(partnerKey, afterSeq, last, expiresAt)
                    .onItem().transformToUniAndConcatenate(signal -> resolve(partnerKey, signal, last))
                    .onItem().<StoredEvent>disjoint()
                    .onItem().transformToUniAndConcatenate(e -> reviews.get(e.reviewKey())
                            .map(review -> new ReviewEvent(partnerKey, e.seq(), e.type(), review)));
        }).onFailure().transform(failure -> ended(partnerKey, failure));
    }

    /**
     * The partner's signals, starting with a RESYNC: the starting number is read first, then the
     * subscription registers, then it catches up once, so that nothing committed in between is lost.
     */
    private Multi<Signal> signals(long partnerKey, Long afterSeq, AtomicLong last, Instant expiresAt) {
        return Multi.createFrom().<Signal>emitter(emitter -> {
            AtomicReference<ReviewEventHub.Registration> registration = new AtomicReference<>();
            // Tokens are checked against the real time (smallrye-jwt), so their end is real time too.
            long timer = expiresAt == null ? -1
                    : vertx.setTimer(Math.max(1, Duration.between(Instant.now(), expiresAt).toMillis()), id -> emitter.fail(
                            new SubscriptionEnded(SubscriptionEnded.Code.UNAUTHENTICATED,
                                    "The sign-in token expired: subscribe again with a new token and after: the last cursor")));
            emitter.onTermination(() -> {
                if (timer >= 0) {
                    vertx.cancelTimer(timer);
                }
                ReviewEventHub.Registration r = registration.getAndSet(null);
                if (r != null) {
                    r.close();
                }
            });
            Uni<Long> start = afterSeq != null ? Uni.createFrom().item(afterSeq) : events.lastSeq(partnerKey);
            start.subscribe().with(seq -> {
                last.set(seq);
                registration.set(hub.register(partnerKey, emitter));
                if (emitter.isCancelled()) {
                    ReviewEventHub.Registration r = registration.getAndSet(null);
                    if (r != null) {
                        r.close(); // the termination handler may have taken it already
                    }
                    return;
                }
                emitter.emit(Signal.RESYNC);
            }, emitter::fail);
        }, config.subscriberBuffer());
    }

    /** What a signal delivers, given the last number delivered (runs one signal at a time). */
    private Uni<List<StoredEvent>> resolve(long partnerKey, Signal signal, AtomicLong last) {
        if (signal instanceof Live live) {
            Notification n = live.notification();
            if (n.seq() <= last.get()) {
                return Uni.createFrom().item(List.of()); // delivered already, by a catch-up
            }
            if (n.seq() == last.get() + 1) {
                last.set(n.seq());
                return Uni.createFrom().item(List.of(new StoredEvent(n.seq(), n.type(), n.reviewKey())));
            }
        }
        return catchUp(partnerKey, last);
    }

    private Uni<List<StoredEvent>> catchUp(long partnerKey, AtomicLong last) {
        long after = last.get();
        return Spans.around(tracer, "review events replay", SpanKind.INTERNAL, () -> events.since(partnerKey, after, config.replayLimit())).chain(since -> {
            long missed = since.lastSeq() - after;
            if (missed < 0) {
                return Uni.createFrom().failure(new SubscriptionEnded(SubscriptionEnded.Code.CURSOR_EXPIRED,
                        "The cursor is not one of this partner's events: refetch, then subscribe without after"));
            }
            boolean complete = since.events().size() == missed
                    && (missed == 0 || since.events().get(0).seq() == after + 1);
            if (!complete) {
                return Uni.createFrom().failure(new SubscriptionEnded(SubscriptionEnded.Code.CURSOR_EXPIRED,
                        missed > config.replayLimit()
                                ? "More than " + config.replayLimit() + " events were missed: refetch, then subscribe without after"
                                : "The events after the cursor are no longer kept: refetch, then subscribe without after"));
            }
            last.set(since.lastSeq());
            return Uni.createFrom().item(since.events());
        });
    }

    private SubscriptionEnded ended(long partnerKey, Throwable failure) {
        if (failure instanceof SubscriptionEnded known) {
            LOG.infof("Subscription to partner %d's review events ended: %s", partnerKey, known.code());
            return known;
        }
        // Mutiny 3.1's bounded emitter fails with BufferItemMultiEmitter.EmitterBufferOverflowException, a
        // BufferOverflowException; BackPressureFailure is its other way of saying the same thing.
        // ReviewEventOverflowTest trips if an upgrade changes this.
        if (failure instanceof BufferOverflowException || failure instanceof BackPressureFailure) {
            LOG.warnf("Subscription to partner %d's review events ended: more than %d events waiting for the client",
                    partnerKey, config.subscriberBuffer());
            return new SubscriptionEnded(SubscriptionEnded.Code.SUBSCRIPTION_OVERFLOW,
                    "Too many events waited for this client: subscribe again with after: the last cursor");
        }
        if (ServiceUnavailable.isCause(failure)) {
            LOG.warnf("Subscription to partner %d's review events ended: database unavailable (%s)", partnerKey, failure.getMessage());
            return new SubscriptionEnded(SubscriptionEnded.Code.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now: subscribe again with after: the last cursor in a moment");
        }
        LOG.errorf(failure, "Subscription to partner %d's review events failed", partnerKey);
        return new SubscriptionEnded(SubscriptionEnded.Code.INTERNAL_SERVER_ERROR,
                "Internal server error: subscribe again with after: the last cursor");
    }

    /** Forgets events past the retention (any instance may run it; running it twice does no harm). */
    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "review-event-retention", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldEvents() {
        return events.deleteOlderThan(config.retention()).invoke(n -> {
            if (n > 0) {
                LOG.infof("Forgot %d review events older than %s", n, config.retention());
            }
        }).replaceWithVoid();
    }
}
