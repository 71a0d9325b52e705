package nl.marketplace.reviews.alert;

import static nl.marketplace.reviews.support.GraphQL.dataAs;
import static nl.marketplace.reviews.support.GraphQL.errorCodes;
import static nl.marketplace.reviews.support.GraphQL.post;
import static nl.marketplace.reviews.support.GraphQL.postAs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * setNegativeReviewAlert and the alert job: a mail per negative review at once, or one digest a day
 * at the partner's hour (across the DST change of 26 March 2028), each event looked at once even by
 * 50 runs at the same moment, delivered through the real SMTP server with a link to the review.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class NegativeReviewAlertTest {

    private static final String SET = Operations.read("SetNegativeReviewAlert");
    private static final String READ = "query($p: ID!) { partner(id: $p) { name negativeReviewAlert { frequency email digestHour } } }";

    @Inject
    AlertService alerts;

    private static Map<String, Object> input(long partner, String frequency, String email, Integer hour) {
        Map<String, Object> input = new HashMap<>(Map.of("partnerId", TestData.partnerId(partner), "frequency", frequency));
        if (email != null) {
            input.put("email", email);
        }
        if (hour != null) {
            input.put("digestHour", hour);
        }
        return input;
    }

    private static void optIn(long partner, String frequency, String email, Integer hour) {
        JsonPath answer = dataAs(Tokens.partner(partner), SET, "input", input(partner, frequency, email, hour));
        assertEquals(List.of(), answer.getList("data.setNegativeReviewAlert.userErrors"));
        assertEquals(frequency, answer.getString("data.setNegativeReviewAlert.alert.frequency"));
    }

    /** A review as a customer gives it: the row and its event, in one transaction. */
    private static long review(long partner, int overall, OffsetDateTime at) {
        long review = TestData.review(partner, overall, at);
        TestData.execute("UPDATE review SET cons = 'Pakket kwam niet aan' WHERE id = " + review);
        TestData.execute("SELECT publish_review_event('NEW_REVIEW', " + partner + ", " + review + ")");
        return review;
    }

    private static void revise(long partner, long review, int overall, OffsetDateTime at) {
        TestData.revise(review, overall, "Toch niet goed", at);
        TestData.execute("SELECT publish_review_event('REVISION', " + partner + ", " + review + ")");
    }

    private static long outboxMails(String email) {
        return TestData.count("SELECT count(*) FROM outbox_mail WHERE kind = 'NEGATIVE_REVIEW_ALERT' AND recipient = '" + email + "'");
    }

    private AlertService.Run run() {
        return alerts.run().await().indefinitely();
    }

    @Test
    void aNegativeReviewIsMailedOnceAtOnceWithALinkToIt() throws Exception {
        TestClock.set(Instant.parse("2028-03-10T10:00:00Z"));
        long partner = TestData.partner("Alert partner");
        String email = "alert-" + partner + "@example.com";
        review(partner, 3, TestClock.now().minusDays(1)); // before opting in: not mailed
        optIn(partner, "IMMEDIATE", email, null);
        long positive = review(partner, 9, TestClock.now());
        long negative = review(partner, 4, TestClock.now());
        run();
        assertEquals(1, outboxMails(email));
        run();
        assertEquals(1, outboxMails(email), "a second run finds nothing new");
        MimeMessage mail = Mails.await(email, 1).get(0);
        assertEquals("Negatieve beoordeling voor Alert partner", mail.getSubject());
        String text = Mails.text(mail);
        assertTrue(text.contains("gaf een 4") && text.contains("?review=" + TestData.reviewId(negative)), text);
        assertTrue(!text.contains(TestData.reviewId(positive)), text);
        // The positive review revised to a 5: negative now, mailed too.
        revise(partner, positive, 5, TestClock.now());
        run();
        assertEquals(2, outboxMails(email));
        assertTrue(Mails.text(Mails.await(email, 2).get(1)).contains("paste de score aan naar 5"));
    }

    @Test
    void fiftyRunsAtOnceMailEachEventOnce() {
        TestClock.set(Instant.parse("2028-03-10T10:00:00Z"));
        long partner = TestData.partner("Busy alert partner");
        String email = "busy-" + partner + "@example.com";
        optIn(partner, "IMMEDIATE", email, null);
        review(partner, 2, TestClock.now());
        review(partner, 1, TestClock.now());
        List<Uni<AlertService.Run>> runs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            runs.add(alerts.run());
        }
        List<?> done = Uni.join().all(runs).andFailFast().await().indefinitely();
        assertEquals(50, done.size());
        assertEquals(1, outboxMails(email), "one mail for the two reviews that arrived together, not one per run");
    }

    @Test
    void aDigestIsOneMailADayAtThePartnersHourAlsoOnTheDayTheClocksGoForward() {
        long partner = TestData.partner("Digest partner");
        String email = "digest-" + partner + "@example.com";
        TestClock.set(Instant.parse("2028-03-25T05:00:00Z")); // 06:00 in Amsterdam (CET)
        optIn(partner, "DAILY_DIGEST", email, 8);
        review(partner, 2, TestClock.now());
        review(partner, 3, TestClock.now());
        TestClock.set(Instant.parse("2028-03-25T06:59:00Z")); // 07:59
        assertEquals(new AlertService.Run(0, 2), run());
        assertEquals(0, outboxMails(email));
        TestClock.set(Instant.parse("2028-03-25T07:00:00Z")); // 08:00
        run();
        assertEquals(1, outboxMails(email));
        assertTrue(TestData.string("SELECT text_body FROM outbox_mail WHERE recipient = '" + email + "'").contains("gaf een 3"));
        review(partner, 1, TestClock.now());
        TestClock.set(Instant.parse("2028-03-25T20:00:00Z"));
        run();
        assertEquals(1, outboxMails(email), "one digest a day");
        // 26 March: the clocks go forward at 02:00, so 08:00 is 06:00 UTC.
        TestClock.set(Instant.parse("2028-03-26T05:59:00Z"));
        run();
        assertEquals(1, outboxMails(email));
        TestClock.set(Instant.parse("2028-03-26T06:00:00Z"));
        run();
        assertEquals(2, outboxMails(email));
        assertEquals(0, TestData.count("SELECT count(*) FROM negative_review_alert WHERE partner_id = " + partner));
    }

    @Test
    void onlyThePartnerSetsItAndBadInputChangesNothing() {
        long partner = TestData.partner("Careful partner");
        long other = TestData.partner("Other careful partner");
        Map<String, Object> good = input(partner, "IMMEDIATE", "careful@example.com", null);
        assertEquals(List.of("FORBIDDEN"), errorCodes(post(SET, "input", good)));
        assertEquals(List.of("FORBIDDEN"), errorCodes(postAs(Tokens.partner(other), SET, "input", good)));
        assertEquals(List.of("FORBIDDEN"), errorCodes(postAs(Tokens.admin(), SET, "input", good)));
        for (Map<String, Object> bad : List.of(input(partner, "IMMEDIATE", null, null), input(partner, "DAILY_DIGEST", "geen-adres", 8),
                input(partner, "DAILY_DIGEST", "a@example.com", 24), input(partner, "DAILY_DIGEST", "a@example.com", -1))) {
            JsonPath answer = dataAs(Tokens.partner(partner), SET, "input", bad);
            assertEquals("INVALID", answer.getString("data.setNegativeReviewAlert.userErrors[0].code"), bad.toString());
            assertNull(answer.get("data.setNegativeReviewAlert.alert"));
        }
        assertEquals(0, TestData.count("SELECT count(*) FROM partner_alert_setting WHERE partner_id = " + partner));
        optIn(partner, "DAILY_DIGEST", "careful@example.com", 7);
        assertEquals(7, dataAs(Tokens.admin(), READ, "p", TestData.partnerId(partner)).getInt("data.partner.negativeReviewAlert.digestHour"));
        JsonPath refused = postAs(Tokens.partner(other), READ, "p", TestData.partnerId(partner));
        assertEquals(List.of("FORBIDDEN"), errorCodes(refused));
        assertEquals("Careful partner", refused.getString("data.partner.name"));
        JsonPath off = dataAs(Tokens.partner(partner), SET, "input", input(partner, "OFF", null, null));
        assertNull(off.get("data.setNegativeReviewAlert.alert"));
        assertNull(dataAs(Tokens.partner(partner), READ, "p", TestData.partnerId(partner)).get("data.partner.negativeReviewAlert"));
    }
}
