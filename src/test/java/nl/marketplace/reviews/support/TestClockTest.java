package nl.marketplace.reviews.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The tests' clock: pinned by a property, shared with the service, never leaking from one test into the next. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestClockTest {

    @Inject
    Clock serviceClock;

    @Test
    @Order(1)
    void theServiceRunsOnTheTestsClock() {
        Duration apart = Duration.between(TestClock.instantNow(), serviceClock.instant()).abs();
        assertTrue(apart.compareTo(Duration.ofSeconds(1)) < 0, "service and tests are " + apart + " apart");
        String pinned = System.getProperty(TestClock.PROPERTY);
        if (pinned != null && !pinned.isBlank()) {
            // A pinned suite is at most as old as a suite run may take.
            Duration sinceStart = Duration.between(TestClock.start(pinned), serviceClock.instant());
            assertTrue(!sinceStart.isNegative() && sinceStart.compareTo(Duration.ofMinutes(30)) < 0, "since the pin: " + sinceStart);
        }
    }

    @Test
    @Order(2)
    void theDemoDataIsAnchoredToTheServicesClock() {
        // Noor's demo review was made 5 days before the service started, on the service's clock.
        long age = TestData.count("SELECT extract(epoch FROM " + TestData.timestamp(TestClock.now())
                + " - r.created_at)::bigint FROM review r JOIN customer_order o ON o.id = r.order_id "
                + "WHERE o.order_number = 'DEMO-RECENT-2'");
        assertTrue(age >= Duration.ofDays(5).toSeconds() && age < Duration.ofDays(5).plusMinutes(30).toSeconds(),
                "the demo review is " + Duration.ofSeconds(age) + " old");
    }

    @Test
    @Order(3)
    void aTestMayMoveTheServicesTime() {
        Instant far = Instant.parse("2040-01-01T00:00:00Z");
        TestClock.set(far);
        assertEquals(LocalDate.of(2040, 1, 1), LocalDate.ofInstant(serviceClock.instant(), TestClock.AMSTERDAM));
        assertEquals(LocalDate.of(2040, 1, 1), OffsetDateTime.now(serviceClock.withZone(TestClock.AMSTERDAM)).toLocalDate());
    }

    @Test
    @Order(4)
    void andTheNextTestIsBackOnTheSuitesTimeline() {
        assertTrue(serviceClock.instant().isBefore(Instant.parse("2039-01-01T00:00:00Z")), "the previous test's time leaked");
    }

    @Test
    void pinnedInstantsAreReadWithOrWithoutAnOffset() {
        assertEquals(Instant.parse("2027-02-28T23:30:00Z"), TestClock.start("2027-03-01T00:30:00+01:00"));
        assertEquals(Instant.parse("2027-10-31T01:30:00Z"), TestClock.start("2027-10-31T02:30:00+01:00"));
        // 02:30 on 28 March 2027 does not exist in Amsterdam: the clock moves an hour on, to 03:30 CEST.
        assertEquals(Instant.parse("2027-03-28T01:30:00Z"), TestClock.start("2027-03-28T02:30"));
        assertThrows(IllegalArgumentException.class, () -> TestClock.start("tomorrow"));
    }
}
