package nl.marketplace.reviews.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.graphql.ApiErrorCode;

/**
 * Admission control: at most {@code reviews.graphql.max-in-flight} GraphQL requests (POST and GET;
 * not subscription sockets) run at once on an instance; up to {@code reviews.graphql.max-queued}
 * more wait, in order, at most {@code reviews.graphql.max-queue-wait}; beyond that a request is
 * answered 503 SERVICE_UNAVAILABLE with {@code Retry-After}, after {@code reviews.graphql.refusal-delay}
 * (1 s): a client that retries at once instead of after Retry-After (wrk does; so do some apps)
 * would otherwise make the instance spend its CPU on refusals, 25,000 a second at 1,024
 * connections, and serve less than half its peak. A held refusal costs only its connection, paused
 * before its body is read; past {@code reviews.graphql.max-held} of them a request is refused at
 * once and its connection closed. Without any of it a burst of
 * mobile traffic made every request wait on every other (p99 seconds, a third of the throughput)
 * and grew the heap past the pod's memory limit; with it the running requests keep the pace of a
 * normal load and the waiting ones cost only their connection (README, "Under overload").
 */
@ApplicationScoped
public class InFlightLimit {

    private static final Logger LOG = Logger.getLogger(InFlightLimit.class);

    private record Waiting(RoutingContext rc, Context context, long since) {
    }

    private final int maxRunning;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final String retryAfterSeconds;
    private final Vertx vertx;
    /** The responses of the running requests; guarded by this. */
    private final Set<HttpServerResponse> running = new HashSet<>();
    /** Requests waiting for a slot, oldest first; guarded by this. */
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    /** Requests refused, waiting for the refusal delay to pass, oldest first; guarded by this. */
    private final ArrayDeque<Waiting> held = new ArrayDeque<>();
    private final long refusalDelayNanos;
    private final int maxHeld;
    private final Counter shed;
    /** The 503's body, made once: a refusal must cost far less than an answer. */
    private final io.vertx.core.buffer.Buffer busy;
    private volatile long lastLogged;

    public InFlightLimit(RequestLimits limits, Vertx vertx) {
        this.maxRunning = limits.maxInFlight();
        this.maxQueued = limits.maxQueued();
        this.maxWaitNanos = limits.maxQueueWait().toNanos();
        this.retryAfterSeconds = Integer.toString(limits.retryAfterSeconds());
        this.refusalDelayNanos = limits.refusalDelay().toNanos();
        this.maxHeld = limits.maxHeld();
        this.vertx = vertx;
        this.busy = Refusals.body(ApiErrorCode.SERVICE_UNAVAILABLE, "The service is busy; try again in " + retryAfterSeconds + " s");
        this.shed = Counter.builder("graphql.requests.shed")
                .description("GraphQL requests answered 503 because too many were running and waiting").register(Metrics.globalRegistry);
        Gauge.builder("graphql.requests.in.flight", this, InFlightLimit::inFlight).description("GraphQL requests running now")
                .register(Metrics.globalRegistry);
        Gauge.builder("graphql.requests.queued", this, InFlightLimit::queued).description("GraphQL requests waiting to run")
                .register(Metrics.globalRegistry);
        Gauge.builder("graphql.requests.held", this, InFlightLimit::held).description("GraphQL requests refused, their 503 held back for the refusal delay")
                .register(Metrics.globalRegistry);
    }

    void install(@Observes Router router) {
        // Before everything else on /graphql, so that a waiting or shed request costs nothing more.
        router.route("/graphql").order(-1000).handler(this::admit);
        // Gives back the slots of clients that hung up, and sheds requests that waited too long.
        vertx.setPeriodic(100, ignored -> tidy());
    }

    // Locking: this object's monitor guards the three collections and nothing else. No Vert.x call
    // (response.ended(), closed(), ...) is made while holding it: those take the connection's lock,
    // and Vert.x calls release() while holding that one.

    private void admit(RoutingContext rc) {
        if ("websocket".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.UPGRADE))) {
            rc.next();
            return;
        }
        HttpServerResponse response = rc.response();
        boolean runNow = false;
        boolean waits = false;
        synchronized (this) {
            if (running.size() < maxRunning && queue.isEmpty()) {
                running.add(response);
                runNow = true;
            } else if (queue.size() < maxQueued) {
                queue.add(new Waiting(rc, Vertx.currentContext(), System.nanoTime()));
                waits = true;
            } else if (refusalDelayNanos > 0 && held.size() < maxHeld) {
                held.add(new Waiting(rc, Vertx.currentContext(), System.nanoTime()));
                waits = true;
            }
        }
        if (runNow) {
            run(rc);
        } else if (waits) {
            if (!rc.request().isEnded()) {
                rc.request().pause(); // the body is read once it may run, and never when it is refused
            }
        } else {
            shed(rc, refusalDelayNanos > 0);
        }
    }

    /** Gives back the slots of responses that ended without telling (their client hung up). */
    private void forgetFinished() {
        List<HttpServerResponse> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(running);
        }
        List<HttpServerResponse> finished = snapshot.stream().filter(response -> response.ended() || response.closed()).toList();
        if (!finished.isEmpty()) {
            synchronized (this) {
                finished.forEach(running::remove);
            }
        }
    }

    private void run(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        // Not rc.addEndHandler: Quarkus' SmallRye GraphQL handler (SmallRyeGraphQLAbstractHandler.handle)
        // sets the response's end, exception and close handlers itself, replacing Vert.x Web's, so
        // end handlers added before it never run. The body-end handler it leaves alone; a client that
        // hangs up is noticed by tidy(). InFlightLimitTest covers both.
        rc.addBodyEndHandler(ignored -> release(response));
        if (!rc.request().isEnded()) {
            rc.request().resume();
        }
        rc.next();
    }

    private void release(HttpServerResponse response) {
        synchronized (this) {
            running.remove(response);
        }
        startWaiting();
    }

    /** Moves waiting requests into free slots, each resumed on its own event loop. */
    private void startWaiting() {
        while (true) {
            Waiting next;
            synchronized (this) {
                if (running.size() >= maxRunning || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                running.add(next.rc().response());
            }
            if (next.rc().response().closed()) {
                synchronized (this) {
                    running.remove(next.rc().response());
                }
            } else {
                next.context().runOnContext(ignored -> run(next.rc()));
            }
        }
    }

    private void tidy() {
        forgetFinished();
        List<Waiting> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(queue);
        }
        long now = System.nanoTime();
        List<Waiting> gone = new ArrayList<>();
        List<Waiting> expired = new ArrayList<>();
        for (Waiting w : snapshot) {
            if (w.rc().response().closed()) {
                gone.add(w);
            } else if (now - w.since() > maxWaitNanos) {
                expired.add(w);
            }
        }
        if (!gone.isEmpty() || !expired.isEmpty()) {
            List<Waiting> removedExpired = new ArrayList<>();
            synchronized (this) {
                gone.forEach(queue::remove);
                for (Waiting w : expired) {
                    if (queue.remove(w)) {
                        removedExpired.add(w);
                    }
                }
            }
            removedExpired.forEach(w -> w.context().runOnContext(ignored -> shed(w.rc(), false)));
        }
        refuseHeld(now);
        startWaiting();
    }

    /** Answers the held refusals whose delay has passed (oldest first), and forgets those whose client hung up. */
    private void refuseHeld(long now) {
        List<Waiting> due = new ArrayList<>();
        synchronized (this) {
            while (!held.isEmpty() && now - held.peek().since() >= refusalDelayNanos) {
                due.add(held.poll());
            }
        }
        for (Waiting w : due) {
            if (!w.rc().response().closed()) {
                w.context().runOnContext(ignored -> shed(w.rc(), false));
            }
        }
    }

    /** 503 with Retry-After; the connection closed after it when even holding the refusal was beyond the limit. */
    private void shed(RoutingContext rc, boolean close) {
        shed.increment();
        long now = System.nanoTime();
        if (now - lastLogged > 10_000_000_000L) {
            lastLogged = now;
            LOG.warnf("More than %d GraphQL requests running and %d waiting: answering 503 (graphql.requests.shed counts them)",
                    maxRunning, maxQueued);
        }
        rc.response().putHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
        if (close && rc.request().version() != io.vertx.core.http.HttpVersion.HTTP_2) {
            rc.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
            rc.response().endHandler(ignored -> rc.request().connection().close());
        }
        Refusals.send(rc, 503, busy);
    }

    /** Requests running now. */
    int inFlight() {
        List<HttpServerResponse> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(running);
        }
        return (int) snapshot.stream().filter(response -> !response.ended() && !response.closed()).count();
    }

    /** Slots taken now: also those of requests that ended without giving theirs back (tidy() frees them). */
    synchronized int slotsTaken() {
        return running.size();
    }

    /** Requests waiting now. */
    synchronized int queued() {
        return queue.size();
    }

    /** Refusals held back now. */
    synchronized int held() {
        return held.size();
    }
}
