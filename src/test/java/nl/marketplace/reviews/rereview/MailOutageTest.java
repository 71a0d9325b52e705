package nl.marketplace.reviews.rereview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import nl.marketplace.reviews.mail.MailDelivery;
import nl.marketplace.reviews.support.Deliveries;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;
import nl.marketplace.reviews.support.TestClock;

/** An SMTP outage delays mail and loses none; and nothing goes out twice. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class MailOutageTest {

    @Inject
    Scheduler scheduler;

    @Inject
    MailDelivery delivery;

    @Test
    void mailsWaitWhileTheSmtpServerIsDownAndGoOutOnceWhenItIsBack() throws Exception {
        long partner = TestData.partner("Outage partner");
        String email = TestData.email();
        long review = TestData.review(partner, 3, TestClock.now().minusDays(1), email, "nl");
        String token = Tokens.partner(partner);

        TestEnvironment.stopMail();
        try {
            ReReviewFlow.emailCustomer(token, review, "Sorry!");
            JsonPath requested = ReReviewFlow.requestReReview(token, review);
            assertEquals(List.of(), requested.getList("data.requestReReview.userErrors"));
            assertEquals("SENT", requested.getString("data.requestReReview.reReview.status"));
            // The delivery job runs every second and fails: the mails stay, each with its failed
            // attempt recorded. (A claim counts the attempt first; the error is written when the
            // SMTP server has refused, so wait for both.)
            String failedAttempts = "SELECT count(*) FROM outbox_mail WHERE recipient = '" + email
                    + "' AND sent_at IS NULL AND attempts > 0 AND last_error IS NOT NULL";
            Eventually.until("two failed attempts recorded", Duration.ofSeconds(15), () -> TestData.count(failedAttempts) >= 2);
            assertEquals(2, TestData.count(failedAttempts));
        } finally {
            TestEnvironment.startMail();
        }
        List<jakarta.mail.internet.MimeMessage> mails = Mails.await(email, 2, Duration.ofSeconds(30));
        assertTrue(mails.stream().anyMatch(m -> Mails.text(m).contains("?token=")));
        Deliveries.settled(delivery, "recipient = '" + email + "'");
        assertEquals(2, Mails.to(email).size(), "each mail exactly once");
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient = '" + email + "' AND sent_at IS NULL"));
    }

    /**
     * The scheduled job is paused, so the two runs below are the only ones; a run of it that was
     * already under way is waited for (its claims end), because resetting a live claim would itself
     * send a mail twice.
     */
    @Test
    void twoDeliveryRunsAtOnceNeverSendOneMailTwice() throws Exception {
        long partner = TestData.partner("Twin runs partner");
        List<String> emails = new ArrayList<>();
        scheduler.pause(MailDelivery.JOB);
        try {
            awaitNoLiveClaims();
            for (int i = 0; i < 10; i++) {
                String email = TestData.email();
                emails.add(email);
                long review = TestData.review(partner, 3, TestClock.now().minusDays(1), email, "nl");
                ReReviewFlow.emailCustomer(Tokens.partner(partner), review, "Bericht " + i);
            }
            String ours = "recipient IN ('" + String.join("','", emails) + "')";
            assertEquals(10, TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL AND " + ours));

            var first = delivery.deliver().subscribeAsCompletionStage();
            var second = delivery.deliver().subscribeAsCompletionStage();
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);

            // Each of ours claimed once and sent once, by one of the two runs (their counts include
            // other tests' mails, so they prove nothing about a double send).
            assertEquals(10, TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NOT NULL AND attempts = 1 AND " + ours));
            assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL AND " + ours));
            // Both runs have ended, and GreenMail keeps a message before it answers: every send is in.
            for (String email : emails) {
                assertEquals(1, Mails.to(email).size(), email);
            }
        } finally {
            scheduler.resume(MailDelivery.JOB);
        }
    }

    private static void awaitNoLiveClaims() {
        Eventually.until("the delivery run under way ends", Duration.ofSeconds(30),
                // Leases are the database's own time (MailDelivery), not the service's clock.
                () -> TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NULL AND claimed_until > now()") == 0);
    }
}
