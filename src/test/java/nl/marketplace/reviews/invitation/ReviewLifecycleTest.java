package nl.marketplace.reviews.invitation;

import static nl.marketplace.reviews.support.GraphQL.data;
import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.event.ReviewEventHub;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.Subscriber;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * From an order to a counted review, end to end: the platform registers orders, time passes, the
 * invitation reaches a real SMTP server, the customer follows its link and reviews, the partner's
 * dashboard gets the review on its subscription, and the partner score moves.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class ReviewLifecycleTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @Inject
    InvitationService invitations;

    @Inject
    ReviewEventHub hub;

    /** graphql-transport-ws does not acknowledge a subscribe: wait until the hub has it. */
    private void awaitSubscription(long partner) {
        Eventually.until("the subscription is registered", Duration.ofSeconds(10), () -> hub.subscriptions(partner) > 0);
    }


    private String invitationToken(long partner, String orderNumber, String email, LocalDate delivery) throws Throwable {
        JsonPath registered = Orders.register(List.of(Orders.order(orderNumber, partner, "K-" + UUID.randomUUID(), email, delivery, true)));
        assertEquals(1, registered.getInt("data.registerOrders.registered"));
        TestClock.set(delivery.plusDays(3).atTime(LocalTime.of(10, 0)).atZone(ZoneId.of("Europe/Amsterdam")).toInstant());
        VertxContextSupport.subscribeAndAwait(() -> invitations.run());
        MimeMessage invitation = Mails.await(email, 1).get(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https://shop\\.test/beoordeling\\?token=([A-Za-z0-9_-]+)")
                .matcher(Mails.text(invitation));
        assertTrue(m.find(), Mails.text(invitation));
        return m.group(1);
    }

    private static JsonPath submit(Map<String, Object> input) {
        return data(Operations.read("SubmitReview"), "input", input);
    }

    @Test
    void fromOrderToCountedReview() throws Throwable {
        long partner = TestData.partner("Lifecycle partner");
        String partnerId = TestData.partnerId(partner);
        String email = TestData.email();
        LocalDate delivery = TestClock.today().minusDays(3);
        String token = invitationToken(partner, "L-" + UUID.randomUUID(), email, delivery);
        TestClock.reset();

        assertEquals(0, data(Operations.read("PartnerSummaries"), "partnerIds", List.of(partnerId)).getInt("data.partnerScores[0].reviewCount"));
        try (Subscriber dashboard = new Subscriber(endpoint, Tokens.partner(partner))) {
            dashboard.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", partnerId));
            awaitSubscription(partner);

            Map<String, Object> input = new HashMap<>(Map.of("token", token, "overall", 9, "deliveryTime", 8, "productInformation", 10,
                    "delivery", 9, "hadContact", true, "contact", 7));
            input.put("pros", "  Snel en netjes  ");
            JsonPath answer = submit(input);
            assertEquals(List.of(), answer.getList("data.submitReview.userErrors"));
            assertEquals("Jenny uit Enschede", answer.getString("data.submitReview.review.authorName"));
            assertEquals("Snel en netjes", answer.getString("data.submitReview.review.pros"));
            String reviewId = answer.getString("data.submitReview.review.id");

            JsonNode event = dashboard.next(Duration.ofSeconds(10));
            assertEquals("next", event.path("type").asText(), event.toString());
            assertEquals("NEW_REVIEW", event.path("payload").path("data").path("reviewEvents").path("type").asText(), event.toString());
            assertEquals(reviewId, event.path("payload").path("data").path("reviewEvents").path("review").path("id").asText());

            // The partner replies: the dashboard hears of that too.
            dataAs(Tokens.partner(partner), Operations.read("Reply"), "input", Map.of("reviewId", reviewId, "text", "Dank je!"));
            JsonNode reply = dashboard.next(Duration.ofSeconds(10));
            assertEquals("REPLY", reply.path("payload").path("data").path("reviewEvents").path("type").asText(), reply.toString());
        }
        JsonPath score = data(Operations.read("PartnerSummaries"), "partnerIds", List.of(partnerId));
        assertEquals(1, score.getInt("data.partnerScores[0].reviewCount"));
        assertEquals(9.0, score.getDouble("data.partnerScores[0].overall"));
        assertEquals(7.0, score.getDouble("data.partnerScores[0].subScores.contact.average"));

        // The link works once; one review per order.
        assertEquals(List.of("TOKEN_USED"), submit(Map.of("token", token, "overall", 1)).getList("data.submitReview.userErrors.code"));
    }

    /** DOMAIN.md: one review per order, the link works once; 50 submits of one link at once give one review. */
    @Test
    void fiftyConcurrentSubmitsOfOneLinkMakeOneReview() throws Throwable {
        long partner = TestData.partner("Concurrent submit partner");
        String token = invitationToken(partner, "C-" + UUID.randomUUID(), TestData.email(), TestClock.today().minusDays(3));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int overall = 1 + i % 10;
                answers.add(pool.submit(() -> {
                    start.await();
                    return submit(Map.of("token", token, "overall", overall)).getList("data.submitReview.userErrors.code");
                }));
            }
            start.countDown();
            int accepted = 0;
            for (var answer : answers) {
                List<String> codes = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (codes.isEmpty()) {
                    accepted++;
                } else {
                    assertEquals(List.of("TOKEN_USED"), codes);
                }
            }
            assertEquals(1, accepted);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, TestData.count("SELECT count(*) FROM review WHERE partner_id = " + partner));
        assertEquals(1, TestData.count("SELECT count(*) FROM review_event WHERE type = 'NEW_REVIEW' AND partner_id = " + partner));
    }

    @Test
    void badReviewsAreRefusedAndNothingIsWritten() throws Throwable {
        long partner = TestData.partner("Strict partner");
        String email = TestData.email();
        String token = invitationToken(partner, "S-" + UUID.randomUUID(), email, TestClock.today().minusDays(3));
        TestClock.reset();
        List<Map<String, Object>> bad = List.of(
                Map.of("token", token, "overall", 0),
                Map.of("token", token, "overall", 11),
                Map.of("token", token, "overall", 8, "delivery", 0),
                Map.of("token", token, "overall", 8, "contact", 8),
                Map.of("token", token, "overall", 8, "hadContact", false, "contact", 8),
                Map.of("token", token, "overall", 8, "cons", "x".repeat(2001)),
                Map.of("token", "A".repeat(43), "overall", 8),
                Map.of("token", "forged", "overall", 8));
        List<String> expected = List.of("INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID", "INVALID_TOKEN", "INVALID_TOKEN");
        for (int i = 0; i < bad.size(); i++) {
            assertEquals(List.of(expected.get(i)), submit(bad.get(i)).getList("data.submitReview.userErrors.code"), bad.get(i).toString());
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM review WHERE partner_id = " + partner));
        JsonPath anonymous = submit(Map.of("token", token, "overall", 3, "anonymous", true, "cons", "x".repeat(2000)));
        assertEquals("Anoniem", anonymous.getString("data.submitReview.review.authorName"));
        TestData.execute("UPDATE review_invitation SET used_at = NULL, expires_at = " + TestData.timestamp(TestClock.now().minusSeconds(1)) + " "
                + "WHERE token_hash IS NOT NULL AND order_id IN (SELECT id FROM customer_order WHERE partner_id = " + partner + ")");
        assertEquals(List.of("TOKEN_EXPIRED"), submit(Map.of("token", token, "overall", 8)).getList("data.submitReview.userErrors.code"));
    }

    /**
     * Another instance of the service is another database session: an event published by any session
     * reaches this instance's subscribers (here a plain JDBC connection plays the other instance).
     */
    @Test
    void eventsFromAnotherInstanceReachTheSubscribers() throws Exception {
        long partner = TestData.partner("Two instances partner");
        long review = TestData.review(partner, 6, TestClock.now());
        try (Subscriber dashboard = new Subscriber(endpoint, Tokens.partner(partner))) {
            dashboard.subscribe("1", Operations.read("ReviewEvents"), Map.of("partnerId", TestData.partnerId(partner)));
            awaitSubscription(partner);
            TestData.execute("SELECT publish_review_event('REVISION', " + partner + ", " + review + ")");
            JsonNode event = dashboard.next(Duration.ofSeconds(10));
            assertEquals("REVISION", event.path("payload").path("data").path("reviewEvents").path("type").asText(), event.toString());
            assertEquals(TestData.reviewId(review), event.path("payload").path("data").path("reviewEvents").path("review").path("id").asText());
        }
    }

    @Test
    void onlyThePartnerItselfMaySubscribe() throws Exception {
        long partner = TestData.partner("Private events partner");
        long other = TestData.partner("Nosy partner");
        for (String token : new String[] { Tokens.partner(other), null }) {
            // With a cursor that is not one as well: who asks is checked before what is asked.
            for (Map<String, Object> variables : List.of(Map.<String, Object>of("partnerId", TestData.partnerId(partner)),
                    Map.<String, Object>of("partnerId", TestData.partnerId(partner), "after", "not-a-cursor"))) {
                try (Subscriber nosy = new Subscriber(endpoint, token)) {
                    nosy.subscribe("1", Operations.read("ReviewEvents"), variables);
                    JsonNode answer = nosy.next(Duration.ofSeconds(10));
                    assertTrue(answer.toString().contains("FORBIDDEN") && !answer.toString().contains("BAD_USER_INPUT"), answer.toString());
                    // The message names what was refused: events, not a review.
                    assertTrue(answer.toString().contains(token == null ? "Sign in as the partner to follow its review events"
                            : "These are another partner's review events"), answer.toString());
                }
            }
        }
    }
}
