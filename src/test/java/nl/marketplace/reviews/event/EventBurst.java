package nl.marketplace.reviews.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The burst of the event tests: partners with two reviews each, then rounds in which every partner
 * gets four changes at the same moment (two replies through the API, a new review and a revision
 * published by another session, as another instance's transaction does), and the check that a
 * subscriber got exactly its partner's kept events, in order.
 */
final class EventBurst {

    /** Sends a reply through some instance's API. */
    interface Replier {
        void reply(long partner, long review, String text);
    }

    static final int CHANGES_PER_ROUND = 4;
    final long[] partners;
    final long[][] reviews;

    EventBurst(int partnerCount, String label) {
        partners = new long[partnerCount];
        reviews = new long[partnerCount][2];
        for (int p = 0; p < partnerCount; p++) {
            partners[p] = TestData.partner(label + " " + p);
            reviews[p][0] = TestData.review(partners[p], 5, TestClock.now().minusDays(2));
            reviews[p][1] = TestData.review(partners[p], 6, TestClock.now().minusDays(1));
        }
    }

    /** Fires the rounds, each all at once on 16 threads, one after the other. */
    void fire(int rounds, Replier first, Replier second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < rounds; round++) {
                List<Future<?>> burst = new ArrayList<>();
                for (int p = 0; p < partners.length; p++) {
                    long key = partners[p];
                    long[] own = reviews[p];
                    int r = round;
                    burst.add(pool.submit(() -> first.reply(key, own[0], "Antwoord " + r)));
                    burst.add(pool.submit(() -> second.reply(key, own[1], "Reactie " + r)));
                    burst.add(pool.submit(() -> publishElsewhere("NEW_REVIEW", key, TestData.review(key, 9, TestClock.now()))));
                    burst.add(pool.submit(() -> publishElsewhere("REVISION", key, own[0])));
                }
                for (Future<?> f : burst) {
                    f.get();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** What another instance's transaction does after its change. */
    static void publishElsewhere(String type, long partner, long review) {
        TestData.execute("SELECT publish_review_event('" + type + "', " + partner + ", " + review + ")");
    }

    /** The partner's kept events in order: type and review key. */
    static List<String[]> kept(long partner) throws Exception {
        List<String[]> events = new ArrayList<>();
        try (Connection c = TestEnvironment.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT type, review_id FROM review_event WHERE partner_id = " + partner + " ORDER BY seq")) {
            while (rs.next()) {
                events.add(new String[] { rs.getString(1), String.valueOf(rs.getLong(2)) });
            }
        }
        return events;
    }

    /**
     * After {@code rounds} of {@link #fire}: the subscribers, {@code perPartner} of them per partner in
     * the partners' order, got exactly their partner's kept events, in order, nothing more, and are open.
     */
    void assertEverySubscriberGotItsPartnersEvents(List<Subscriber> subscribers, int perPartner, int rounds) throws Exception {
        for (int p = 0; p < partners.length; p++) {
            List<String[]> kept = kept(partners[p]);
            assertEquals(rounds * CHANGES_PER_ROUND, kept.size());
            for (int i = 0; i < perPartner; i++) {
                assertDelivered(subscribers.get(p * perPartner + i), partners[p], kept, Duration.ofSeconds(60));
            }
        }
        // Nothing more: one more event per partner is the very next message of each of its subscribers.
        for (int p = 0; p < partners.length; p++) {
            long next = kept(partners[p]).size() + 1L;
            publishElsewhere("REPLY", partners[p], reviews[p][0]);
            for (int i = 0; i < perPartner; i++) {
                assertNextEventIs(subscribers.get(p * perPartner + i), partners[p], next, Duration.ofSeconds(30));
            }
        }
        for (Subscriber s : subscribers) {
            assertFalse(s.closedByServer());
        }
    }

    /**
     * The subscriber's next message is the partner's event with this number: after a marker event
     * was published, this proves that nothing came in between (no duplicate, no stray event), which
     * a silence of some milliseconds cannot.
     */
    static void assertNextEventIs(Subscriber s, long partner, long seq, Duration timeout) throws InterruptedException {
        JsonNode message = s.next(timeout);
        assertEquals("next", message.path("type").asText(), "the subscription ended: " + message);
        assertEquals(new EventCursor(partner, seq).encode(), message.path("payload").path("data").path("reviewEvents").path("cursor").asText(),
                "partner " + partner + ": the next message is event " + seq + ", nothing before it: " + message);
    }

    /** The subscriber's next messages are exactly these events of the partner (numbers 1, 2, …), in order. */
    static void assertDelivered(Subscriber s, long partner, List<String[]> kept, Duration timeout) throws InterruptedException {
        for (int n = 0; n < kept.size(); n++) {
            JsonNode message = s.next(timeout);
            assertEquals("next", message.path("type").asText(), "the subscription ended: " + message);
            assertTrue(message.path("payload").path("errors").isMissingNode(), message.toString());
            JsonNode e = message.path("payload").path("data").path("reviewEvents");
            assertEquals(kept.get(n)[0], e.path("type").asText(), "partner " + partner + " event " + (n + 1) + ": " + message);
            assertEquals(TestData.reviewId(Long.parseLong(kept.get(n)[1])), e.path("review").path("id").asText());
            assertEquals(new EventCursor(partner, n + 1).encode(), e.path("cursor").asText());
        }
    }
}
