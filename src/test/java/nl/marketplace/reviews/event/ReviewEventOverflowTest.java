package nl.marketplace.reviews.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * A client that cannot keep up is ended with SUBSCRIPTION_OVERFLOW (nobody else waits for it) and
 * resumes from its last cursor without losing or doubling an event. The buffer is made tiny here so
 * that one transaction's burst overflows it.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(ReviewEventOverflowTest.TinyBuffer.class)
class ReviewEventOverflowTest {

    public static class TinyBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reviews.events.subscriber-buffer", "4");
        }
    }

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    ReviewEventHub hub;

    @Test
    void aClientThatFallsBehindIsEndedWithACodeAndResumesFromItsCursor() throws Exception {
        long partner = TestData.partner("Overflowing partner");
        long review = TestData.review(partner, 5, TestClock.now().minusDays(1));
        String partnerId = TestData.partnerId(partner);
        List<String> cursors = new ArrayList<>();
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", partnerId));
            Eventually.until("subscribed", Duration.ofSeconds(10), () -> hub.subscriptions(partner) == 1);
            // One event first, received: the subscription's first catch-up is over and events now come live.
            // Without it the catch-up may run after the burst's commit and read all 200 from the table.
            TestData.execute("SELECT publish_review_event('REPLY', " + partner + ", " + review + ")");
            EventBurst.assertNextEventIs(s, partner, 1, Duration.ofSeconds(10));
            cursors.add(new EventCursor(partner, 1).encode());
            // 200 events in one commit: their notifications arrive together.
            TestData.execute("SELECT publish_review_event('REPLY', " + partner + ", " + review + ") FROM generate_series(1, 200)");
            while (true) {
                JsonNode message = s.next(Duration.ofSeconds(10));
                JsonNode event = message.path("payload").path("data").path("reviewEvents");
                if (!event.isObject()) {
                    assertEquals("next", message.path("type").asText(), message.toString());
                    assertEquals("SUBSCRIPTION_OVERFLOW", message.path("payload").path("errors").path(0).path("extensions").path("code")
                            .asText(), message.toString());
                    break;
                }
                cursors.add(event.path("cursor").asText());
            }
            assertEquals("complete", s.next(Duration.ofSeconds(10)).path("type").asText());
            Eventually.until("the ended subscription is gone", Duration.ofSeconds(5), () -> hub.subscriptions(partner) == 0);
        }
        assertTrue(cursors.size() < 201, "it did overflow");
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", partnerId, "after", cursors.get(cursors.size() - 1)));
            while (cursors.size() < 201) {
                JsonNode message = s.next(Duration.ofSeconds(10));
                assertTrue(message.path("payload").path("data").path("reviewEvents").isObject(), message.toString());
                cursors.add(message.path("payload").path("data").path("reviewEvents").path("cursor").asText());
            }
            TestData.execute("SELECT publish_review_event('REPLY', " + partner + ", " + review + ")");
            EventBurst.assertNextEventIs(s, partner, 202, Duration.ofSeconds(10)); // nothing after the 201st but this one
        }
        for (int i = 0; i < 201; i++) {
            assertEquals(new EventCursor(partner, i + 1).encode(), cursors.get(i), "every event once, in order");
        }
    }
}
