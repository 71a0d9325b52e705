package nl.marketplace.reviews.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

/**
 * The service's clock in the tests: real time, moved by an offset a test may set. Tests that move
 * it reset it when they end.
 */
public final class TestClock extends Clock {

    private static final TestClock INSTANCE = new TestClock();
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Replaces the service's clock. */
    @ApplicationScoped
    public static class Producer {
        @Produces
        @Alternative
        @Priority(1)
        @ApplicationScoped
        Clock clock() {
            return INSTANCE;
        }
    }

    /** From now on, the service's now is this moment (and time runs on from it). */
    public static void set(Instant now) {
        INSTANCE.offset.set(Duration.between(Instant.now(), now));
    }

    public static void reset() {
        INSTANCE.offset.set(Duration.ZERO);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), offset.get());
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
