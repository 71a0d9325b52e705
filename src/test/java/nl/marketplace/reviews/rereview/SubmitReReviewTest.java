package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Deliveries;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;
import nl.marketplace.reviews.support.TestClock;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SubmitReReviewTest {

    @TestHTTPResource("/graphql")
    URI endpoint;

    @jakarta.inject.Inject
    nl.marketplace.reviews.mail.MailDelivery delivery;

    private final ObjectMapper json = new ObjectMapper();

    private static List<String> codes(JsonPath answer) {
        return answer.getList("data.submitReReview.userErrors.code");
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        long partner = TestData.partner("Submit partner");
        String email = TestData.email();
        long review = TestData.review(partner, 3, TestClock.now().minusDays(2), email, "nl");
        String token = ReReviewFlow.tokenFromMail(Tokens.partner(partner), review, email);

        assertEquals(List.of("INVALID"), codes(ReReviewFlow.submit(token, 0, null)));
        assertEquals(List.of("INVALID"), codes(ReReviewFlow.submit(token, 11, null)));
        assertEquals(List.of("INVALID"), codes(ReReviewFlow.submit(token, 8, "x".repeat(1001))));
        assertEquals(List.of("INVALID_TOKEN"), codes(ReReviewFlow.submit("forged", 8, null)));
        assertEquals(List.of("INVALID_TOKEN"), codes(ReReviewFlow.submit("A".repeat(43), 8, null)));
        assertEquals(List.of("INVALID_TOKEN"), codes(ReReviewFlow.submit(token.substring(1) + "A", 8, null)));
        assertEquals(0, TestData.count("SELECT count(*) FROM revision WHERE review_id = " + review));

        JsonPath ok = ReReviewFlow.submit(token, 7, "  " + "x".repeat(1000) + "  ");
        assertEquals(List.of(), ok.getList("data.submitReReview.userErrors"));
        assertEquals(7, ok.getInt("data.submitReReview.revision.overall"));
        assertEquals(3, ok.getInt("data.submitReReview.revision.previousOverall"));
        assertEquals(1000, ok.getString("data.submitReReview.revision.comment").length());

        JsonPath reused = ReReviewFlow.submit(token, 9, null);
        assertEquals(List.of("TOKEN_USED"), codes(reused));
        assertNull(reused.get("data.submitReReview.revision"));
        assertEquals(1, TestData.count("SELECT count(*) FROM revision WHERE review_id = " + review));
        assertEquals(7, TestData.count("SELECT overall FROM review WHERE id = " + review));
    }

    @Test
    void anExpiredTokenIsRefused() {
        long partner = TestData.partner("Expiry partner");
        String email = TestData.email();
        long review = TestData.review(partner, 5, TestClock.now().minusDays(2), email, "en");
        String token = ReReviewFlow.tokenFromMail(Tokens.partner(partner), review, email);
        TestData.execute("UPDATE re_review_request SET expires_at = " + TestData.timestamp(TestClock.now().minusSeconds(1)) + " WHERE review_id = " + review);
        assertEquals(List.of("TOKEN_EXPIRED"), codes(ReReviewFlow.submit(token, 9, null)));
        assertEquals(5, TestData.count("SELECT overall FROM review WHERE id = " + review));
    }

    @Test
    void fiftyConcurrentRequestsForOneReviewSendOneRequestAndOneMail() throws Exception {
        long partner = TestData.partner("Racing partner");
        String email = TestData.email();
        long review = TestData.review(partner, 2, TestClock.now().minusDays(1), email, "nl");
        String partnerToken = Tokens.partner(partner);
        ReReviewFlow.emailCustomer(partnerToken, review, "Excuses!");
        Mails.await(email, 1);

        List<JsonNode> answers = concurrently(50, partnerToken, Operations.read("RequestReReview"),
                Map.of("input", Map.of("reviewId", TestData.reviewId(review))));
        int sent = 0;
        for (JsonNode answer : answers) {
            assertTrue(answer.path("errors").isMissingNode(), answer.toString());
            JsonNode errors = answer.path("data").path("requestReReview").path("userErrors");
            if (errors.isEmpty()) {
                sent++;
            } else {
                assertEquals("ALREADY_REQUESTED", errors.get(0).path("code").asText(), answer.toString());
            }
        }
        assertEquals(1, sent);
        assertEquals(1, TestData.count("SELECT count(*) FROM re_review_request WHERE review_id = " + review));
        Mails.await(email, 2);
        Deliveries.settled(delivery, "recipient = '" + email + "'");
        assertEquals(2, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "'"), "one mail and one request");
        assertEquals(2, Mails.to(email).size());
    }

    @Test
    void fiftyConcurrentSubmissionsWithOneTokenMakeOneRevision() throws Exception {
        long partner = TestData.partner("Token partner");
        String email = TestData.email();
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1), email, "nl");
        String token = ReReviewFlow.tokenFromMail(Tokens.partner(partner), review, email);

        List<JsonNode> answers = concurrently(50, null, Operations.read("SubmitReReview"),
                Map.of("input", Map.of("token", token, "overall", 9)));
        int accepted = 0;
        for (JsonNode answer : answers) {
            assertTrue(answer.path("errors").isMissingNode(), answer.toString());
            JsonNode errors = answer.path("data").path("submitReReview").path("userErrors");
            if (errors.isEmpty()) {
                accepted++;
            } else {
                assertEquals("TOKEN_USED", errors.get(0).path("code").asText(), answer.toString());
            }
        }
        assertEquals(1, accepted);
        assertEquals(1, TestData.count("SELECT count(*) FROM revision WHERE review_id = " + review));
        assertEquals(9, TestData.count("SELECT overall FROM review WHERE id = " + review));
    }

    private List<JsonNode> concurrently(int n, String bearer, String query, Map<String, Object> variables) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("query", query, "variables", variables))));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        HttpRequest request = builder.build();
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : futures) {
            HttpResponse<String> response = f.get();
            assertEquals(200, response.statusCode(), response.body());
            answers.add(json.readTree(response.body()));
        }
        return answers;
    }
}
