package nl.marketplace.reviews.http;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * more wait, in order on each event loop, at most {@code reviews.graphql.max-queue-wait}; beyond that a request is
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

    record Waiting(RoutingContext rc, Context context, Loop loop, long since) {
    }

    /**
     * One event loop's running and waiting requests. A freed slot goes to a waiting request of the
     * loop with the fewest running, its own loop first: the loops stay evenly loaded, and a slot
     * freed on a loop mostly starts a request on that same loop instead of handing it to the other
     * one, where it would wait for that loop's turn while this one idles. Guarded by the InFlightLimit.
     */
    static final class Loop {
        int running;
        final ArrayDeque<Waiting> queue = new ArrayDeque<>();

        /** The loop whose oldest waiting request takes a freed slot: the fewest running, {@code freedOn} among equals; null if none waits. */
        static Loop next(Collection<Loop> loops, Loop freedOn) {
            Loop chosen = freedOn != null && !freedOn.queue.isEmpty() ? freedOn : null;
            for (Loop loop : loops) {
                if (!loop.queue.isEmpty() && (chosen == null || loop.running < chosen.running)) {
                    chosen = loop;
                }
            }
            return chosen;
        }
    }

    private final int maxRunning;
    private final int maxQueued;
    private final long maxWaitNanos;
    private final String retryAfterSeconds;
    private final Vertx vertx;
    /** The responses of the running requests and their loops; guarded by this. */
    private final Map<HttpServerResponse, Loop> running = new HashMap<>();
    /** The event loops by thread, each with its requests waiting for a slot; guarded by this. */
    private final Map<Thread, Loop> loops = new HashMap<>();
    /** Requests waiting for a slot, on all loops; guarded by this. */
    private int waiting;
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

    // Locking: this object's monitor guards the collections and counts and nothing else. No Vert.x call
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
            Loop loop = loops.computeIfAbsent(Thread.currentThread(), ignored -> new Loop());
            if (running.size() < maxRunning && waiting == 0) {
                running.put(response, loop);
                loop.running++;
                runNow = true;
            } else if (waiting < maxQueued) {
                loop.queue.add(new Waiting(rc, Vertx.currentContext(), loop, System.nanoTime()));
                waiting++;
                waits = true;
            } else if (refusalDelayNanos > 0 && held.size() < maxHeld) {
                held.add(new Waiting(rc, Vertx.currentContext(), loop, System.nanoTime()));
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
            snapshot = new ArrayList<>(running.keySet());
        }
        List<HttpServerResponse> finished = snapshot.stream().filter(response -> response.ended() || response.closed()).toList();
        if (!finished.isEmpty()) {
            synchronized (this) {
                finished.forEach(this::forget);
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
        Loop loop;
        synchronized (this) {
            loop = forget(response);
        }
        startWaiting(loop);
    }

    /** Gives back a running request's slot (guarded by this); its loop, or null if it had none any more. */
    private Loop forget(HttpServerResponse response) {
        Loop loop = running.remove(response);
        if (loop != null) {
            loop.running--;
        }
        return loop;
    }

    /** Moves waiting requests into free slots, each resumed on its own event loop; {@code freedOn} first among equals. */
    private void startWaiting(Loop freedOn) {
        while (true) {
            Waiting next;
            synchronized (this) {
                if (running.size() >= maxRunning || waiting == 0) {
                    return;
                }
                Loop chosen = Loop.next(loops.values(), freedOn);
                next = chosen.queue.poll();
                waiting--;
                running.put(next.rc().response(), chosen);
                chosen.running++;
            }
            if (next.rc().response().closed()) {
                synchronized (this) {
                    forget(next.rc().response());
                }
            } else {
                next.context().runOnContext(ignored -> run(next.rc()));
            }
        }
    }

    private void tidy() {
        forgetFinished();
        List<Waiting> snapshot = new ArrayList<>();
        synchronized (this) {
            loops.values().forEach(loop -> snapshot.addAll(loop.queue));
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
                for (Waiting w : gone) {
                    if (w.loop().queue.remove(w)) {
                        waiting--;
                    }
                }
                for (Waiting w : expired) {
                    if (w.loop().queue.remove(w)) {
                        waiting--;
                        removedExpired.add(w);
                    }
                }
            }
            removedExpired.forEach(w -> w.context().runOnContext(ignored -> shed(w.rc(), false)));
        }
        refuseHeld(now);
        startWaiting(null);
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
            snapshot = new ArrayList<>(running.keySet());
        }
        return (int) snapshot.stream().filter(response -> !response.ended() && !response.closed()).count();
    }

    /** Slots taken now: also those of requests that ended without giving theirs back (tidy() frees them). */
    synchronized int slotsTaken() {
        return running.size();
    }

    /** Requests waiting now. */
    synchronized int queued() {
        return waiting;
    }

    /** Refusals held back now. */
    synchronized int held() {
        return held.size();
    }
}
