package nl.marketplace.reviews.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * The one "now" of the tests, and the service's clock while they run.
 * <p>
 * The suite starts at the instant of the system property {@value #PROPERTY} when it is given (an
 * ISO date-time with an offset, or a local date-time read in Europe/Amsterdam), else at the real
 * current instant; from there time runs on at its real pace. Every test that makes dated data or
 * asserts a figure that depends on the date takes its "now" from here ({@link #now()},
 * {@link #today()}), never from {@code OffsetDateTime.now()}, so the whole suite can be run on the
 * 1st of a month, at a DST change or on 29 February, on purpose.
 * <p>
 * A test may move the service's time with {@link #set}; {@link ResetAfterEach} puts it back on the
 * suite's timeline after every test, passed or failed, so no test sees another's time.
 */
public final class TestClock extends Clock {

    /** The property that pins the suite's start: {@code ./mvnw verify -Dreviews.test.now=2027-03-01T00:30:00+01:00}. */
    public static final String PROPERTY = "reviews.test.now";
    /** The zone of the service's calendar rules (DOMAIN.md). */
    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    private static final TestClock INSTANCE = new TestClock();
    private static final Instant START = start(System.getProperty(PROPERTY));
    private static final long START_NANOS = System.nanoTime();

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

    /** Registered in META-INF/services: every Quarkus test ends on the suite's own timeline. */
    public static class ResetAfterEach implements QuarkusTestAfterEachCallback {
        @Override
        public void afterEach(QuarkusTestMethodContext context) {
            reset();
        }
    }

    static Instant start(String pinned) {
        if (pinned == null || pinned.isBlank()) {
            return Instant.now(); // no pin: the suite runs at the real current time, as a developer's run does
        }
        try {
            return OffsetDateTime.parse(pinned).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                // A local time in a DST gap moves forward by the gap's length, as ZonedDateTime does.
                return LocalDateTime.parse(pinned).atZone(AMSTERDAM).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(PROPERTY + " must be an ISO date-time such as 2027-03-01T00:30:00+01:00, was "
                        + pinned, e);
            }
        }
    }

    /** The tests' now, as the service sees it. */
    public static Instant instantNow() {
        return INSTANCE.instant();
    }

    /** The tests' now, in Europe/Amsterdam. */
    public static OffsetDateTime now() {
        return OffsetDateTime.ofInstant(instantNow(), AMSTERDAM);
    }

    /** The tests' current day in Europe/Amsterdam, the day the service's calendar rules use. */
    public static LocalDate today() {
        return LocalDate.ofInstant(instantNow(), AMSTERDAM);
    }

    /** From now on, the service's now is this moment (and time runs on from it). */
    public static void set(Instant now) {
        INSTANCE.offset.set(Duration.between(timeline(), now));
    }

    /** Back to the suite's timeline. */
    public static void reset() {
        INSTANCE.offset.set(Duration.ZERO);
    }

    /** The suite's own time: its start plus the real time that has passed since. */
    private static Instant timeline() {
        return START.plusNanos(System.nanoTime() - START_NANOS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return timeline().plus(offset.get());
    }
}
