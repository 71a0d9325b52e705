package nl.marketplace.reviews.mail;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import nl.marketplace.reviews.rereview.ReReviewFlow;
import nl.marketplace.reviews.support.Deliveries;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.SlowSmtpServer;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * Mail through an SMTP server that takes a second per message, with a lease of 3 s: the scheduled
 * job and two more delivery runs at once (three instances, as far as the outbox can tell) send each
 * mail exactly once. With one lease for a whole batch, every mail past the third was sent again.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(SlowSmtpDeliveryTest.ShortLease.class)
class SlowSmtpDeliveryTest {

    public static class ShortLease implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reviews.mail.lease", "3s", "reviews.mail.send-timeout", "2s", "reviews.mail.max-attempts", "2",
                    // A pooled connection to the GreenMail this test replaces would fail the first send.
                    "quarkus.mailer.keep-alive", "false");
        }
    }

    @Inject
    MailDelivery delivery;

    @Test
    void aSlowSmtpServerAndConcurrentRunsSendEachMailOnce() throws Exception {
        long partner = TestData.partner("Slow mail partner");
        List<String> emails = new ArrayList<>();
        TestEnvironment.stopMail();
        try (SlowSmtpServer slow = new SlowSmtpServer(Duration.ofSeconds(1))) {
            TestEnvironment.routeMailTo(slow.port());
            for (int i = 0; i < 10; i++) {
                String email = TestData.email();
                emails.add(email);
                long review = TestData.review(partner, 3, TestClock.now().minusDays(1), email, "nl");
                ReReviewFlow.emailCustomer(Tokens.partner(partner), review, "Bericht " + i);
            }
            CompletableFuture<Integer> a = delivery.deliver().subscribeAsCompletionStage();
            CompletableFuture<Integer> b = delivery.deliver().subscribeAsCompletionStage();
            a.get();
            b.get();
            String ours = "recipient IN ('" + String.join("','", emails) + "')";
            // All ten sent, two more runs of the job after that, and nothing on its way to the server:
            // a mail claimed again would have been sent (or be arriving) by now.
            Deliveries.settled(delivery, ours);
            assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE failed_at IS NOT NULL AND " + ours));
            Eventually.until("nothing more on its way", Duration.ofSeconds(10), () -> slow.receiving() == 0);
            List<String> got = slow.accepted().stream().filter(emails::contains).toList();
            for (String email : emails) {
                assertEquals(1, Collections.frequency(got, email), email + " in " + got);
            }
        } finally {
            TestEnvironment.startMail();
        }
    }

    @Test
    void aMailRefusedMaxAttemptsTimesIsParkedWithItsReason() throws Exception {
        long partner = TestData.partner("Refused mail partner");
        String email = "refuse-" + TestData.email();
        TestEnvironment.stopMail();
        try (SlowSmtpServer refusing = new SlowSmtpServer(Duration.ZERO)) {
            TestEnvironment.routeMailTo(refusing.port());
            long review = TestData.review(partner, 3, TestClock.now().minusDays(1), email, "nl");
            ReReviewFlow.emailCustomer(Tokens.partner(partner), review, "Hallo");
            String parked = "SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "' AND failed_at IS NOT NULL "
                    + "AND sent_at IS NULL AND attempts = 2 AND last_error LIKE '%Recipient address rejected%' "
                    + "AND last_error NOT LIKE '%" + email + "%'";
            Eventually.until("the mail is parked", Duration.ofSeconds(20), () -> TestData.count(parked) == 1);
            // Two more runs of the job, each of which would have claimed the mail were it still due.
            Deliveries.twoMoreRuns(delivery);
            assertEquals(1, TestData.count(parked), "a parked mail is not tried again");
            assertFalse(refusing.accepted().contains(email));
        } finally {
            TestEnvironment.startMail();
        }
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mail_parked_total") && !l.endsWith(" 0.0")), "mail_parked_total");
    }
}
