package nl.marketplace.reviews.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * reviewEvents under traffic: bursts of changes on many partners at once, through this instance and
 * another (a plain JDBC session publishes as another instance's transaction does), a lost LISTEN
 * connection, resuming from a cursor, and the ends a subscription can come to.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReviewEventsTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    ReviewEventHub hub;

    private static JsonNode eventOf(JsonNode message) {
        return message.path("payload").path("data").path("reviewEvents");
    }

    private void awaitSubscriptions(long partner, int n) {
        Eventually.until("subscriptions registered", Duration.ofSeconds(20), () -> hub.subscriptions(partner) >= n);
    }

    /** The messages of one subscription until it has {@code count} events, or fails after the timeout. */
    private static List<JsonNode> events(Subscriber s, int count, Duration timeout) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            JsonNode message = s.poll(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (message == null) {
                throw new AssertionError("only " + events.size() + " of " + count + " events arrived: " + events);
            }
            assertEquals("next", message.path("type").asText(), "the subscription ended: " + message);
            assertTrue(message.path("payload").path("errors").isMissingNode(), message.toString());
            events.add(eventOf(message));
        }
        return events;
    }

    private static String subscription() {
        return Operations.read("ReviewEvents");
    }

    /**
     * 200 subscriptions on 50 partners; 2,000 changes in bursts of 200 at the same moment (replies
     * through the API, new reviews and revisions published by another session): every subscriber gets
     * every event of its own partner exactly once, in order, none of another's, and stays open.
     */
    @Test
    void everySubscriberGetsEveryEventOfItsPartnerOnceUnderBursts() throws Exception {
        int perPartner = 4;
        EventBurst burst = new EventBurst(50, "Burst partner");
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            for (long partner : burst.partners) {
                for (int i = 0; i < perPartner; i++) {
                    Subscriber s = new Subscriber(endpoint, Tokens.partner(partner));
                    s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner)));
                    subscribers.add(s);
                }
            }
            for (long partner : burst.partners) {
                awaitSubscriptions(partner, perPartner);
            }
            burst.fire(10, ReviewEventsTest::reply, ReviewEventsTest::reply);
            burst.assertEverySubscriberGotItsPartnersEvents(subscribers, perPartner, 10);
            // And every subscription is still live.
            for (int p = 0; p < burst.partners.length; p += 10) {
                reply(burst.partners[p], burst.reviews[p][1], "Nog eentje");
                for (int i = 0; i < perPartner; i++) {
                    assertEquals("REPLY", events(subscribers.get(p * perPartner + i), 1, Duration.ofSeconds(10)).get(0).path("type").asText());
                }
            }
        } finally {
            subscribers.forEach(Subscriber::close);
        }
    }

    private static void reply(long partner, long review, String text) {
        GraphQL.dataAs(Tokens.partner(partner), Operations.read("Reply"), "input",
                Map.of("reviewId", TestData.reviewId(review), "text", text));
    }

    /** Every change a dashboard shows reaches it: replies made and deleted, customer mails, re-review and exclusion requests, decisions. */
    @Test
    void everyChangeADashboardShowsHasAnEvent() throws Exception {
        long partner = TestData.partner("Every change partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1));
        String token = Tokens.partner(partner);
        Map<String, Object> onReview = Map.of("reviewId", TestData.reviewId(review));
        try (Subscriber s = new Subscriber(endpoint, token)) {
            s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner)));
            awaitSubscriptions(partner, 1);
            reply(partner, review, "Bedankt");
            GraphQL.dataAs(token, Operations.read("DeleteReply"), "input", onReview);
            GraphQL.dataAs(token, Operations.read("EmailCustomer"), "input", Map.of("reviewId", TestData.reviewId(review), "message", "Hallo"));
            GraphQL.dataAs(token, Operations.read("RequestReReview"), "input", onReview);
            String exclusionId = GraphQL.dataAs(token, Operations.read("RequestExclusion"), "input",
                    Map.of("reviewId", TestData.reviewId(review), "reason", "CARRIER", "text", "Kwijt")).getString("data.requestExclusion.exclusion.id");
            GraphQL.dataAs(Tokens.admin(), Operations.read("DecideExclusion"), "input",
                    Map.of("exclusionId", exclusionId, "decision", "APPROVED", "note", "Akkoord"));
            List<JsonNode> events = events(s, 6, Duration.ofSeconds(20));
            assertEquals(List.of("REPLY", "REPLY_DELETED", "CUSTOMER_EMAILED", "RE_REVIEW_REQUESTED", "EXCLUSION_REQUESTED", "EXCLUSION_DECIDED"),
                    events.stream().map(e -> e.path("type").asText()).toList());
            assertTrue(events.get(5).path("review").path("excluded").asBoolean(), "the event carries the review as it is now");
            assertEquals(6, TestData.count("SELECT count(*) FROM review_event WHERE partner_id = " + partner), "kept for replay");
        }
    }

    @Test
    void aClientThatWasAwayCatchesUpFromItsCursor() throws Exception {
        long partner = TestData.partner("Away partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1));
        String partnerId = TestData.partnerId(partner);
        String cursor;
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", subscription(), Map.of("partnerId", partnerId));
            awaitSubscriptions(partner, 1);
            reply(partner, review, "Eerste");
            cursor = events(s, 1, Duration.ofSeconds(10)).get(0).path("cursor").asText();
        }
        // While away: three changes.
        reply(partner, review, "Tweede");
        EventBurst.publishElsewhere("REVISION", partner, review);
        reply(partner, review, "Derde");
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", subscription(), Map.of("partnerId", partnerId, "after", cursor));
            List<JsonNode> missed = events(s, 3, Duration.ofSeconds(10));
            assertEquals(List.of("REPLY", "REVISION", "REPLY"), missed.stream().map(e -> e.path("type").asText()).toList());
            awaitSubscriptions(partner, 1);
            reply(partner, review, "Vierde");
            JsonNode live = events(s, 1, Duration.ofSeconds(10)).get(0);
            assertEquals("Vierde", live.path("review").path("reply").path("text").asText());
            assertEquals(new EventCursor(partner, 5).encode(), live.path("cursor").asText());
            EventBurst.publishElsewhere("REPLY", partner, review);
            EventBurst.assertNextEventIs(s, partner, 6, Duration.ofSeconds(10)); // each event once
        }
    }

    @Test
    void aCursorWhoseEventsAreNoLongerKeptEndsTheSubscriptionWithACode() throws Exception {
        long partner = TestData.partner("Forgetful partner");
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1));
        reply(partner, review, "Een");
        reply(partner, review, "Twee");
        TestData.execute("DELETE FROM review_event WHERE partner_id = " + partner + " AND seq = 2"); // as the retention job does
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner), "after",
                    new EventCursor(partner, 1).encode()));
            assertEnded(s, "CURSOR_EXPIRED");
        }
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner), "after",
                    new EventCursor(partner + 1, 1).encode()));
            JsonNode error = s.next(Duration.ofSeconds(10));
            assertEquals("error", error.path("type").asText(), error.toString());
            assertEquals("BAD_USER_INPUT", error.path("payload").path(0).path("extensions").path("code").asText(), error.toString());
        }
    }

    /** The last item is null with an error and its code, then the subscription completes; the socket stays usable. */
    static void assertEnded(Subscriber s, String code) throws InterruptedException {
        JsonNode last = s.next(Duration.ofSeconds(10));
        assertEquals("next", last.path("type").asText(), last.toString());
        assertTrue(last.path("payload").path("data").path("reviewEvents").isNull(), last.toString());
        assertEquals(code, last.path("payload").path("errors").path(0).path("extensions").path("code").asText(), last.toString());
        assertFalse(last.path("payload").path("errors").path(0).path("message").asText().contains("Exception"), last.toString());
        JsonNode complete = s.next(Duration.ofSeconds(10));
        assertEquals("complete", complete.path("type").asText(), complete.toString());
    }

    @Test
    void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
        long partner = TestData.partner("Expiring partner");
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner, Duration.ofSeconds(3)))) {
            s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner)));
            awaitSubscriptions(partner, 1);
            assertEnded(s, "UNAUTHENTICATED");
            Eventually.until("the subscription is gone", Duration.ofSeconds(5), () -> hub.subscriptions(partner) == 0);
        }
    }

    /**
     * The LISTEN connection dies; a change is made before it is back (its NOTIFY reaches nobody): the
     * hub reconnects by itself and the subscription catches up, exactly once.
     */
    @Test
    void eventsMadeWhileTheListenConnectionWasLostArriveWhenItIsBack() throws Exception {
        long partner = TestData.partner("Reconnecting partner");
        long review = TestData.review(partner, 5, TestClock.now().minusDays(1));
        try (Subscriber s = new Subscriber(endpoint, Tokens.partner(partner))) {
            s.subscribe("1", subscription(), Map.of("partnerId", TestData.partnerId(partner)));
            awaitSubscriptions(partner, 1);
            assertTrue(hub.listening());
            TestData.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                    + "AND pid <> pg_backend_pid() AND (query LIKE 'LISTEN review_events%' OR query = 'SELECT 1')");
            // The hub notices at once and tries again a quarter of a second later: publish in between.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (hub.listening() && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            assertFalse(hub.listening(), "the hub did not notice the lost connection");
            EventBurst.publishElsewhere("NEW_REVIEW", partner, review);
            JsonNode event = events(s, 1, Duration.ofSeconds(20)).get(0);
            assertEquals("NEW_REVIEW", event.path("type").asText());
            assertEquals(new EventCursor(partner, 1).encode(), event.path("cursor").asText(), "the partner's first event");
            Eventually.until("listening again", Duration.ofSeconds(20), hub::listening);
            EventBurst.publishElsewhere("REVISION", partner, review);
            JsonNode revision = events(s, 1, Duration.ofSeconds(10)).get(0);
            assertEquals("REVISION", revision.path("type").asText());
            assertEquals(new EventCursor(partner, 2).encode(), revision.path("cursor").asText(), "each event once: no second copy of 1");
            EventBurst.publishElsewhere("REPLY", partner, review);
            EventBurst.assertNextEventIs(s, partner, 3, Duration.ofSeconds(10));
        }
    }
}
