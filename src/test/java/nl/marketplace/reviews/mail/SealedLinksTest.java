package nl.marketplace.reviews.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import nl.marketplace.reviews.api.Operations;
import nl.marketplace.reviews.security.LinkTokens;
import nl.marketplace.reviews.support.Eventually;
import nl.marketplace.reviews.support.GraphQL;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;
import nl.marketplace.reviews.support.Tokens;

/**
 * No working link at rest: a mail with a single-use link waits in the outbox without its token (the
 * body has a placeholder, the token is sealed with a key that is not in the database), the mail
 * that arrives has the working link, and once sent the sealed token is gone; bodies of old mails
 * are blanked after the retention period.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SealedLinksTest {

    private static final String TOKEN_IN_CLEAR = ".*token=[A-Za-z0-9_-]{43}.*";

    @Inject
    Scheduler scheduler;

    @Inject
    MailDelivery delivery;

    @Inject
    MailRetention retention;

    @Test
    void aReReviewMailWaitsWithoutItsTokenAndArrivesWithAWorkingLink() throws Exception {
        long partner = TestData.partner("Sealed links partner");
        String email = TestData.email();
        long review = TestData.review(partner, 4, TestClock.now().minusDays(1), email, "nl");
        String token = Tokens.partner(partner);
        scheduler.pause(MailDelivery.JOB);
        long mail;
        try {
            GraphQL.dataAs(token, Operations.read("EmailCustomer"), "input", Map.of("reviewId", TestData.reviewId(review), "message",
                    "Sorry, we hebben het opgelost."));
            JsonPath requested = GraphQL.dataAs(token, Operations.read("RequestReReview"), "input",
                    Map.of("reviewId", TestData.reviewId(review)));
            assertEquals(List.of(), requested.getList("data.requestReReview.userErrors"));
            mail = TestData.count("SELECT id FROM outbox_mail WHERE kind = 'RE_REVIEW_REQUEST' AND recipient = '" + email + "'");
            String[] stored = stored(mail);
            for (String body : new String[] { stored[0], stored[1] }) {
                assertTrue(body.contains(LinkSealer.PLACEHOLDER), body);
                assertFalse(body.replace('\n', ' ').matches(TOKEN_IN_CLEAR), body);
            }
            assertEquals(1, TestData.count("SELECT count(*) FROM outbox_mail WHERE link_secret IS NOT NULL AND id = " + mail));
        } finally {
            scheduler.resume(MailDelivery.JOB);
        }

        MimeMessage arrived = Mails.await(email, 2).stream().filter(m -> Mails.text(m).contains("?token=")).findFirst().orElseThrow();
        String linkToken = Mails.token(arrived);
        assertTrue(LinkTokens.wellFormed(linkToken), linkToken);
        assertTrue(Mails.html(arrived).contains("token=" + linkToken), "the HTML body has the same link");
        assertEquals(1, TestData.count("SELECT count(*) FROM re_review_request WHERE token_hash = decode('"
                + java.util.HexFormat.of().formatHex(LinkTokens.hash(linkToken)) + "', 'hex')"), "the link is the request's");
        Eventually.until("marked sent", Duration.ofSeconds(10),
                () -> TestData.count("SELECT count(*) FROM outbox_mail WHERE sent_at IS NOT NULL AND id = " + mail) == 1);
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE link_secret IS NOT NULL AND id = " + mail),
                "a sent mail keeps no sealed token");
        for (String body : stored(mail)) {
            assertFalse(body.contains(linkToken), "the token is nowhere in the stored mail");
        }
        JsonPath submitted = GraphQL.dataAs(null, Operations.read("SubmitReReview"), "input",
                Map.of("token", linkToken, "overall", 8, "comment", "Opgelost, dank je."));
        assertEquals(List.of(), submitted.getList("data.submitReReview.userErrors"), "the link works");
    }

    @Test
    void aMailSealedWithAnotherKeyIsParkedWithTheReason() throws Exception {
        LinkSealer other = new LinkSealer(Optional.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        String email = TestData.email();
        long mail;
        scheduler.pause(MailDelivery.JOB);
        try (Connection c = TestEnvironment.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO outbox_mail "
                + "(kind, recipient, subject, text_body, link_secret, created_at) VALUES ('RE_REVIEW_REQUEST', ?, 'Opnieuw', ?, ?, now()) "
                + "RETURNING id")) {
            st.setString(1, email);
            st.setString(2, "Link: " + LinkSealer.link("https://shop.test/opnieuw"));
            st.setBytes(3, other.seal(LinkTokens.newToken()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                mail = rs.getLong(1);
            }
            delivery.deliver().subscribeAsCompletionStage().get(30, TimeUnit.SECONDS);
        } finally {
            scheduler.resume(MailDelivery.JOB);
        }
        assertEquals(1, TestData.count("SELECT count(*) FROM outbox_mail WHERE failed_at IS NOT NULL AND sent_at IS NULL "
                + "AND last_error LIKE '%sealed with another reviews.mail.link-key%' AND id = " + mail));
        assertEquals(0, Mails.to(email).size(), "a mail with a broken link is not sent");
    }

    @Test
    void aSealedTokenOpensOnlyWithItsKey() throws Exception {
        LinkSealer one = new LinkSealer(Optional.of("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="));
        LinkSealer two = new LinkSealer(Optional.of("Hx4dHBsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA="));
        String token = LinkTokens.newToken();
        byte[] sealed = one.seal(token);
        assertEquals(token, one.open(sealed));
        assertFalse(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1).contains(token));
        assertThrows(GeneralSecurityException.class, () -> two.open(sealed));
        sealed[sealed.length - 1] ^= 1;
        assertThrows(GeneralSecurityException.class, () -> one.open(sealed));
        for (Optional<String> bad : List.of(Optional.<String>empty(), Optional.of(" "), Optional.of("not base64!"),
                Optional.of("AAECAwQFBgcICQoLDA0ODw=="))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> LinkSealer.decode(bad));
            assertTrue(e.getMessage().contains("MAIL_LINK_KEY"), e.getMessage());
        }
    }

    /** Retention counts on the database's clock, which wrote sent_at and failed_at (not the service's, which tests may move). */
    @Test
    void bodiesOfMailsSentOrParkedLongerAgoThanTheRetentionAreBlanked() throws Exception {
        String email = TestData.email();
        long sentLongAgo = insert(email, "sent_at", "now() - interval '31 days'");
        long sentRecently = insert(email, "sent_at", "now() - interval '29 days'");
        long parkedLongAgo = insert(email, "failed_at", "now() - interval '40 days'");
        long waiting = insert(email, "next_attempt_at", "now() + interval '400 days'"); // unsent: kept whatever its age
        TestData.execute("UPDATE outbox_mail SET created_at = now() - interval '60 days' WHERE id = " + waiting);

        int removed = retention.removeOldBodies().subscribeAsCompletionStage().get(30, TimeUnit.SECONDS);

        assertTrue(removed >= 2, "removed " + removed);
        for (long blanked : new long[] { sentLongAgo, parkedLongAgo }) {
            assertEquals(1, TestData.count("SELECT count(*) FROM outbox_mail WHERE text_body = '' AND html_body IS NULL AND subject = '' "
                    + "AND recipient IS NULL AND body_removed_at IS NOT NULL AND id = " + blanked), "body, subject and address removed");
        }
        for (long kept : new long[] { sentRecently, waiting }) {
            assertEquals(1, TestData.count("SELECT count(*) FROM outbox_mail WHERE text_body = 'Beste Jenny' "
                    + "AND recipient = '" + email + "' AND body_removed_at IS NULL AND id = " + kept));
        }
        TestData.execute("DELETE FROM outbox_mail WHERE id IN (" + sentLongAgo + ", " + sentRecently + ", " + parkedLongAgo + ", " + waiting + ")");
    }

    /** The rows left after body retention are deleted after the row retention (90 days); waiting mails never. */
    @Test
    void rowsOfMailsSentOrParkedLongerAgoThanTheRowRetentionAreDeleted() throws Exception {
        String email = TestData.email();
        long sentLongAgo = insert(email, "sent_at", "now() - interval '91 days'");
        long parkedLongAgo = insert(email, "failed_at", "now() - interval '100 days'");
        long sentWithinIt = insert(email, "sent_at", "now() - interval '89 days'");
        long waiting = insert(email, "next_attempt_at", "now() + interval '400 days'");
        TestData.execute("UPDATE outbox_mail SET created_at = now() - interval '200 days' WHERE id = " + waiting);

        int deleted = retention.deleteOldRows().subscribeAsCompletionStage().get(30, TimeUnit.SECONDS);

        assertTrue(deleted >= 2, "deleted " + deleted);
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE id IN (" + sentLongAgo + ", " + parkedLongAgo + ")"));
        assertEquals(2, TestData.count("SELECT count(*) FROM outbox_mail WHERE id IN (" + sentWithinIt + ", " + waiting + ")"));
        TestData.execute("DELETE FROM outbox_mail WHERE id IN (" + sentWithinIt + ", " + waiting + ")");
    }

    /**
     * An operator clears failed_at of a parked mail whose body retention has passed: it has no body,
     * address or link any more, so the job never claims it (it would go out empty, with a dead link).
     */
    @Test
    void aParkedMailWithoutItsBodyIsNeverClaimedAgain() throws Exception {
        long parked = insert(TestData.email(), "failed_at", "now() - interval '40 days'");
        retention.removeOldBodies().subscribeAsCompletionStage().get(30, TimeUnit.SECONDS);
        TestData.execute("UPDATE outbox_mail SET failed_at = NULL, attempts = 0, next_attempt_at = now() - interval '1 minute' WHERE id = "
                + parked);
        delivery.deliver().subscribeAsCompletionStage().get(30, TimeUnit.SECONDS);
        nl.marketplace.reviews.support.Deliveries.twoMoreRuns(delivery);
        assertEquals(1, TestData.count("SELECT count(*) FROM outbox_mail WHERE attempts = 0 AND sent_at IS NULL AND claimed_until IS NULL "
                + "AND body_removed_at IS NOT NULL AND id = " + parked), "never claimed");
        TestData.execute("DELETE FROM outbox_mail WHERE id = " + parked);
    }

    private static long insert(String email, String column, String at) {
        return TestData.count("INSERT INTO outbox_mail (kind, recipient, subject, text_body, html_body, created_at, " + column
                + ") VALUES ('CUSTOMER_MESSAGE', '" + email + "', 'Bericht', 'Beste Jenny', '<p>Beste Jenny</p>', now(), " + at
                + ") RETURNING id");
    }

    /** The stored text and HTML bodies of a mail. */
    private static String[] stored(long mail) throws Exception {
        try (Connection c = TestEnvironment.connect(); var st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT text_body, html_body FROM outbox_mail WHERE id = " + mail)) {
            rs.next();
            return new String[] { rs.getString(1), rs.getString(2) };
        }
    }
}
