package nl.marketplace.reviews.rereview;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.postAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.mail.MailDelivery;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;
import nl.marketplace.reviews.support.TestClock;

@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PartnerActionsTest {

    long partner;
    long other;
    String token;
    String email;
    long review;
    String reviewId;

    @BeforeEach
    void data() {
        partner = TestData.partner("Acting partner");
        other = TestData.partner("Other partner");
        token = Tokens.partner(partner);
        email = TestData.email();
        review = TestData.review(partner, 4, TestClock.now().minusDays(3), email, "nl");
        reviewId = TestData.reviewId(review);
    }

    private static Map<String, Object> input(Object... pairs) {
        java.util.HashMap<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static List<String> userErrorCodes(JsonPath answer, String mutation) {
        return answer.getList("data." + mutation + ".userErrors.code");
    }

    @Test
    void replyIsCreatedEditedAndDeleted() throws Exception {
        JsonPath first = dataAs(token, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", "  Bedankt!  "));
        assertEquals(List.of(), first.getList("data.reply.userErrors"));
        assertEquals("Bedankt!", first.getString("data.reply.review.reply.text"));
        assertEquals(first.getString("data.reply.review.reply.createdAt"), first.getString("data.reply.review.reply.updatedAt"));
        TestClock.set(TestClock.instantNow().plusSeconds(60)); // the edit a minute later
        JsonPath edit = dataAs(token, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", "Bedankt, Jenny!"));
        assertEquals("Bedankt, Jenny!", edit.getString("data.reply.review.reply.text"));
        assertEquals(first.getString("data.reply.review.reply.createdAt"), edit.getString("data.reply.review.reply.createdAt"));
        assertTrue(OffsetDateTime.parse(edit.getString("data.reply.review.reply.updatedAt"))
                .isAfter(OffsetDateTime.parse(edit.getString("data.reply.review.reply.createdAt"))));
        // The reply is public.
        assertEquals("Bedankt, Jenny!", nl.marketplace.reviews.support.GraphQL.data(
                "query($id: ID!) { review(id: $id) { reply { text } } }", "id", reviewId).getString("data.review.reply.text"));
        JsonPath deleted = dataAs(token, Operations.read("DeleteReply"), "input", input("reviewId", reviewId));
        assertNull(deleted.get("data.deleteReply.review.reply"));
        assertEquals(0, TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review));
    }

    @Test
    void badReplyInputIsRefusedAndChangesNothing() {
        for (String text : List.of("", "   ", "x".repeat(2001))) {
            JsonPath answer = dataAs(token, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", text));
            assertEquals(List.of("INVALID"), userErrorCodes(answer, "reply"));
            assertEquals(List.of("input", "text"), answer.getList("data.reply.userErrors[0].field"));
            assertNull(answer.get("data.reply.review"));
        }
        assertEquals(List.of(), dataAs(token, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", "x".repeat(2000)))
                .getList("data.reply.userErrors"));
        for (String id : List.of("nonsense", TestData.reviewId(999999999L), TestData.partnerId(partner))) {
            JsonPath answer = dataAs(token, Operations.read("Reply"), "input", input("reviewId", id, "text", "Hoi"));
            assertEquals(List.of("NOT_FOUND"), userErrorCodes(answer, "reply"), id);
        }
    }

    @Test
    void emailCustomerKeepsTheMessageAndMailsTheCustomer() throws Exception {
        JsonPath answer = dataAs(token, Operations.read("EmailCustomer"), "input",
                input("reviewId", reviewId, "message", "Hallo Jenny,\nwat vervelend! We sturen een nieuwe kast."));
        assertEquals(List.of(), answer.getList("data.emailCustomer.userErrors"));
        assertEquals("Hallo Jenny,\nwat vervelend! We sturen een nieuwe kast.", answer.getString("data.emailCustomer.contact.message"));
        assertEquals(true, answer.getBoolean("data.emailCustomer.review.reReview.eligible"));
        MimeMessage mail = Mails.await(email, 1).get(0);
        assertEquals("Bericht van Acting partner over je beoordeling", mail.getSubject());
        assertTrue(Mails.text(mail).contains("wat vervelend! We sturen een nieuwe kast."), Mails.text(mail));
        assertTrue(Mails.text(mail).startsWith("Hallo Jenny,"), Mails.text(mail));
        assertTrue(Mails.html(mail).contains("Acting partner stuurt je een bericht"), Mails.html(mail));

        JsonPath seller = dataAs(token, Operations.read("SellerReview"), "id", reviewId);
        assertEquals(1, seller.getList("data.review.sellerView.customerContacts.nodes").size());
        assertEquals(1, seller.getInt("data.review.sellerView.customerContacts.totalCount"));
        assertTrue(seller.getString("data.review.sellerView.orderNumber").startsWith("T-"));
    }

    @Test
    void mailsAreInTheCustomersLanguageAndEscapedInHtml() throws Exception {
        String englishEmail = TestData.email();
        long english = TestData.review(partner, 5, TestClock.now().minusDays(1), englishEmail, "en");
        dataAs(token, Operations.read("EmailCustomer"), "input",
                input("reviewId", TestData.reviewId(english), "message", "Sorry <b>Jenny</b> & co"));
        MimeMessage mail = Mails.await(englishEmail, 1).get(0);
        assertEquals("A message from Acting partner about your review", mail.getSubject());
        assertTrue(Mails.text(mail).contains("Sorry <b>Jenny</b> & co"));
        assertTrue(Mails.html(mail).contains("Sorry &lt;b&gt;Jenny&lt;/b&gt; &amp; co"), Mails.html(mail));
    }

    @Test
    void badMessagesAreRefused() {
        for (String message : List.of("", " \n ", "x".repeat(5001))) {
            JsonPath answer = dataAs(token, Operations.read("EmailCustomer"), "input", input("reviewId", reviewId, "message", message));
            assertEquals(List.of("INVALID"), userErrorCodes(answer, "emailCustomer"));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review));
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "'"));
    }

    @Test
    void requestReReviewFollowsTheRules() throws Exception {
        // Before any contact with the customer: refused.
        JsonPath first = dataAs(token, Operations.read("RequestReReview"), "input", input("reviewId", reviewId));
        assertEquals(List.of("CONTACT_REQUIRED"), userErrorCodes(first, "requestReReview"));

        // A positive review and a review older than 3 months: refused, even after contact.
        long positive = TestData.review(partner, 8, TestClock.now().minusDays(1));
        // The day before the 3-month window, at noon in Amsterdam: OffsetDateTime.minusMonths keeps today's
        // offset, and across a DST change 23:30 in winter became 00:30 of the next day in summer (CI failed on it).
        long old = TestData.review(partner, 3, TestClock.today().minusMonths(3).minusDays(1).atTime(12, 0)
                .atZone(TestClock.AMSTERDAM).toOffsetDateTime());
        // The reason names what no mail changes, not the missing mail (the dashboard shows it).
        assertEquals("POSITIVE", dataAs(token, Operations.read("SellerReview"), "id", TestData.reviewId(positive))
                .getString("data.review.sellerView.reReview.ineligibleReason"));
        assertEquals("TOO_OLD", dataAs(token, Operations.read("SellerReview"), "id", TestData.reviewId(old))
                .getString("data.review.sellerView.reReview.ineligibleReason"));
        for (long key : List.of(positive, old)) {
            dataAs(token, Operations.read("EmailCustomer"), "input", input("reviewId", TestData.reviewId(key), "message", "Hoi"));
            JsonPath answer = dataAs(token, Operations.read("RequestReReview"), "input", input("reviewId", TestData.reviewId(key)));
            assertEquals(List.of("NOT_ELIGIBLE"), userErrorCodes(answer, "requestReReview"));
        }
        JsonPath oldState = dataAs(token, Operations.read("SellerReview"), "id", TestData.reviewId(old));
        assertEquals("TOO_OLD", oldState.getString("data.review.sellerView.reReview.ineligibleReason"));

        dataAs(token, Operations.read("EmailCustomer"), "input", input("reviewId", reviewId, "message", "Hoi Jenny"));
        JsonPath sent = dataAs(token, Operations.read("RequestReReview"), "input", input("reviewId", reviewId));
        assertEquals(List.of(), sent.getList("data.requestReReview.userErrors"));
        assertEquals("SENT", sent.getString("data.requestReReview.reReview.status"));
        OffsetDateTime requestedAt = OffsetDateTime.parse(sent.getString("data.requestReReview.reReview.requestedAt"));
        // Through the 14th Amsterdam day after the request: it stops at the midnight that ends that day.
        assertEquals(requestedAt.atZoneSameInstant(TestClock.AMSTERDAM).toLocalDate().plusDays(15).atStartOfDay(TestClock.AMSTERDAM).toInstant(),
                OffsetDateTime.parse(sent.getString("data.requestReReview.reReview.expiresAt")).toInstant());
        assertEquals("ALREADY_REQUESTED", sent.getString("data.requestReReview.reReview.ineligibleReason"));

        List<MimeMessage> mails = Mails.await(email, 2);
        MimeMessage request = mails.stream().filter(m -> {
            try {
                return m.getSubject().startsWith("Wil je je beoordeling");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        String link = Mails.token(request);
        assertEquals(43, link.length());
        assertTrue(Mails.text(request).contains("Je hoeft niets te doen"), Mails.text(request));
        assertTrue(Mails.html(request).contains("https://shop.test/opnieuw?token=" + link));
        // The token is kept only as a hash.
        assertEquals(0, TestData.count("SELECT count(*) FROM re_review_request WHERE encode(token_hash, 'escape') LIKE '%" + link + "%'"));
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "' AND sent_at IS NULL"));

        // Once, ever: also after it expired.
        JsonPath again = dataAs(token, Operations.read("RequestReReview"), "input", input("reviewId", reviewId));
        assertEquals(List.of("ALREADY_REQUESTED"), userErrorCodes(again, "requestReReview"));
        TestData.execute("UPDATE re_review_request SET expires_at = " + TestData.timestamp(TestClock.now().minusSeconds(1)) + " WHERE review_id = " + review);
        assertEquals("EXPIRED", dataAs(token, Operations.read("SellerReview"), "id", reviewId).getString("data.review.sellerView.reReview.status"));
        assertEquals(List.of("ALREADY_REQUESTED"), userErrorCodes(
                dataAs(token, Operations.read("RequestReReview"), "input", input("reviewId", reviewId)), "requestReReview"));
        assertEquals(1, TestData.count("SELECT count(*) FROM re_review_request WHERE review_id = " + review));
    }

    @Test
    void anotherPartnerOrNobodyIsRefusedEverythingAndChangesNothing() {
        dataAs(token, Operations.read("EmailCustomer"), "input", input("reviewId", reviewId, "message", "Hoi"));
        dataAs(token, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", "Mijn antwoord"));
        Mails.await(email, 1);
        long contactsBefore = TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review);
        long mailsBefore = TestData.count("SELECT count(*) FROM outbox_mail");

        for (String caller : new String[] { Tokens.partner(other), null }) {
            String expected = caller == null ? "Sign in as the review's partner" : "This review belongs to another partner";
            for (String field : List.of("orderNumber", "contacts { message }", "customerContacts { totalCount }", "reReview { status }")) {
                JsonPath answer = postAs(caller, "query($id: ID!) { review(id: $id) { id " + field + " } }", "id", reviewId);
                assertEquals(List.of("FORBIDDEN"), errorCodes(answer), field);
                assertEquals(expected, answer.getString("errors[0].message"));
                assertEquals(reviewId, answer.getString("data.review.id"), "the public part stays");
                assertNull(answer.get("data.review." + field.split(" ")[0]));
            }
            List<JsonPath> mutations = List.of(
                    postAs(caller, Operations.read("Reply"), "input", input("reviewId", reviewId, "text", "Overgenomen")),
                    postAs(caller, Operations.read("DeleteReply"), "input", input("reviewId", reviewId)),
                    postAs(caller, Operations.read("EmailCustomer"), "input", input("reviewId", reviewId, "message", "Spam")),
                    postAs(caller, Operations.read("RequestReReview"), "input", input("reviewId", reviewId)));
            for (JsonPath answer : mutations) {
                assertEquals(List.of("FORBIDDEN"), errorCodes(answer), answer::prettify);
            }
        }
        assertEquals("Mijn antwoord", TestData.count("SELECT count(*) FROM reply WHERE review_id = " + review + " AND text = 'Mijn antwoord'") == 1
                ? "Mijn antwoord" : "changed");
        assertEquals(contactsBefore, TestData.count("SELECT count(*) FROM customer_contact WHERE review_id = " + review));
        assertEquals(0, TestData.count("SELECT count(*) FROM re_review_request WHERE review_id = " + review));
        assertEquals(mailsBefore, TestData.count("SELECT count(*) FROM outbox_mail"));
    }

    /** Mutations run one after the other, each with its own Hibernate Reactive session and transaction. */
    @Test
    void severalMutationsInOneRequest() {
        JsonPath answer = dataAs(token, """
                mutation($id: ID!) {
                  a: reply(input: { reviewId: $id, text: "Eerste" }) { review { reply { text } } userErrors { code } }
                  b: emailCustomer(input: { reviewId: $id, message: "Hoi" }) { contact { message } userErrors { code } }
                  c: requestReReview(input: { reviewId: $id }) { reReview { status } userErrors { code } }
                  d: reply(input: { reviewId: $id, text: "Tweede" }) { review { reply { text } contacts { message } } userErrors { code } }
                }""", "id", reviewId);
        assertEquals("Eerste", answer.getString("data.a.review.reply.text"));
        assertEquals("Hoi", answer.getString("data.b.contact.message"));
        assertEquals("SENT", answer.getString("data.c.reReview.status"));
        assertEquals("Tweede", answer.getString("data.d.review.reply.text"));
        assertEquals(1, answer.getList("data.d.review.contacts").size());
    }

    @Test
    void anAdminMayReadPrivateFields() {
        JsonPath answer = dataAs(Tokens.admin(), Operations.read("SellerReview"), "id", reviewId);
        assertNotNull(answer.getString("data.review.sellerView.orderNumber"));
        assertEquals("NOT_REQUESTED", answer.getString("data.review.sellerView.reReview.status"));
    }

    @Test
    void aTokenThatDoesNotVerifyIsRefused() {
        for (String token : List.of(Tokens.forged(partner), "not.a.token", Tokens.expired(partner), Tokens.unsigned(partner))) {
            io.restassured.response.Response refused = io.restassured.RestAssured.given().contentType(ContentType.JSON)
                    .header("Authorization", "Bearer " + token).body(Map.of("query", "{ __typename }")).when().post("/graphql");
            assertEquals(401, refused.statusCode());
            assertEquals("Bearer", refused.header("WWW-Authenticate"));
            assertEquals(List.of("UNAUTHENTICATED"), refused.jsonPath().getList("errors.extensions.code"), refused.asString());
        }
    }

    @Test
    void retriesBackOffExponentiallyUpToALimit() {
        MailDelivery delivery = io.quarkus.arc.Arc.container().instance(MailDelivery.class).get();
        assertEquals(java.time.Duration.ofSeconds(1), delivery.backoff(1));
        assertEquals(java.time.Duration.ofSeconds(2), delivery.backoff(2));
        assertEquals(java.time.Duration.ofSeconds(2), delivery.backoff(30));
    }
}
