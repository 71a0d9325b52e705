package nl.marketplace.reviews.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import nl.marketplace.reviews.mail.MailDelivery;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The invitation job at marketplace scale: 50,000 orders due on the same day, a third of their
 * customers already mailed by the platform that day. Those wait for the next day without holding up
 * the others, the job works in short batches, and every order is invited inside its window.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class InvitationScaleTest {

    private static final Logger LOG = Logger.getLogger(InvitationScaleTest.class);
    /** bench/invitations.sh runs this test with more orders to measure the job's throughput. */
    private static final int ORDERS = Integer.getInteger("bench.invitation-orders", 50_000);

    @Inject
    InvitationService invitations;

    @Inject
    Scheduler scheduler;

    private InvitationService.Run runOn(LocalDate day) throws Throwable {
        TestClock.set(day.atTime(LocalTime.NOON).atZone(TestClock.AMSTERDAM).toInstant());
        long start = System.nanoTime();
        InvitationService.Run run = VertxContextSupport.subscribeAndAwait(() -> invitations.run());
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        LOG.infof("Invitation run on %s: %s in %d ms, %d invitations/s", day, run, millis, run.sent() * 1000L / millis);
        return run;
    }

    @Test
    void fiftyThousandDueOrdersAThirdWaitingAreAllInvitedWithinTheWindow() throws Throwable {
        long partner = TestData.partner("Marketplace-scale partner");
        LocalDate delivered = LocalDate.of(2035, 1, 10);
        LocalDate day3 = delivered.plusDays(3);
        String p = "S-" + UUID.randomUUID() + "-";
        // The 50,000 invitation mails are not for GreenMail: the delivery job waits, and they are removed after.
        scheduler.pause(MailDelivery.JOB);
        try {
            TestData.execute("INSERT INTO customer_order (order_number, partner_id, customer_id, customer_first_name, customer_city, "
                    + "customer_email, review_opt_in, expected_delivery_date, customer_locale) "
                    + "SELECT '" + p + "' || g, " + partner + ", '" + p + "C' || g, 'Jenny', 'Enschede', 'c' || g || '@example.com', "
                    + "true, '" + delivered + "', 'nl' FROM generate_series(1, " + ORDERS + ") g");
            TestData.execute("INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, created_at, sent_at) "
                    + "SELECT 'OTHER', 'c' || g || '@example.com', '" + p + "C' || g, 'Iets anders', 'Tekst', "
                    + "'" + day3 + " 08:00+01', '" + day3 + " 08:01+01' FROM generate_series(1, " + ORDERS + ") g WHERE g % 3 = 0");
            int mailedOnDay3 = ORDERS / 3;

            InvitationService.Run first = runOn(day3);
            assertEquals(ORDERS - mailedOnDay3, first.sent());
            assertEquals(mailedOnDay3, first.waiting());
            assertTrue(first.batches() >= (ORDERS - mailedOnDay3) / 500, "short transactions: " + first.batches() + " batches");
            InvitationService.Run second = runOn(day3.plusDays(1));
            assertEquals(mailedOnDay3, second.sent());
            assertEquals(0, second.waiting());

            String ours = "FROM review_invitation i JOIN customer_order o ON o.id = i.order_id WHERE o.order_number LIKE '" + p + "%'";
            assertEquals(ORDERS, TestData.count("SELECT count(*) " + ours + " AND i.status = 'SENT' AND i.decided_on BETWEEN '"
                    + day3 + "' AND '" + delivered.plusDays(18) + "'"));
            assertEquals(mailedOnDay3, TestData.count("SELECT count(*) " + ours + " AND i.decided_on = '" + day3.plusDays(1) + "'"));
            // One platform mail a day for every customer, the invitations included.
            assertEquals(0, TestData.count("SELECT count(*) FROM (SELECT customer_id FROM outbox_mail WHERE customer_id LIKE '" + p
                    + "%' GROUP BY customer_id, (created_at AT TIME ZONE 'Europe/Amsterdam')::date HAVING count(*) > 1) twice"));
        } finally {
            TestData.execute("DELETE FROM outbox_mail WHERE customer_id LIKE '" + p + "%'");
            scheduler.resume(MailDelivery.JOB);
        }
    }
}
