package nl.marketplace.reviews.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.shutdown.ShutdownListener;
import io.quarkus.runtime.shutdown.ShutdownRecorder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.filters.GracefulShutdownFilter;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * A closed subscription socket no longer counts as a request in flight, so shutdown does not wait
 * for it. The count read here is Quarkus' own, the one its graceful shutdown waits on.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SubscriptionSocketsTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    SubscriptionSockets sockets;

    @Test
    void aClosedSocketLeavesNoRequestInFlight() throws Exception {
        assertTrue(SubscriptionSockets.releasesShutdown());
        AtomicInteger inFlight = requestsInFlight();
        int before = inFlight.get();
        int openBefore = sockets.open();

        Subscriber first = new Subscriber(endpoint, null);
        Subscriber second = new Subscriber(endpoint, null);
        assertEquals(openBefore + 2, sockets.open());
        assertEquals(before + 2, inFlight.get(), "an open socket is a request in flight");
        first.close();
        second.close();

        Eventually.until("the closed sockets are released", Duration.ofSeconds(10),
                () -> inFlight.get() <= before && sockets.open() <= openBefore);
        assertEquals(before, inFlight.get(), "requests in flight after the sockets closed");
        assertEquals(openBefore, sockets.open());
    }

    /** GracefulShutdownFilter's request count (Quarkus 3.34 keeps it private). */
    private static AtomicInteger requestsInFlight() throws ReflectiveOperationException {
        Field listeners = ShutdownRecorder.class.getDeclaredField("shutdownListeners");
        listeners.setAccessible(true);
        @SuppressWarnings("unchecked")
        List<ShutdownListener> all = (List<ShutdownListener>) listeners.get(null);
        GracefulShutdownFilter filter = all.stream().filter(GracefulShutdownFilter.class::isInstance)
                .map(GracefulShutdownFilter.class::cast).findFirst().orElseThrow();
        Field count = GracefulShutdownFilter.class.getDeclaredField("currentRequestCount");
        count.setAccessible(true);
        return (AtomicInteger) count.get(filter);
    }
}
