package nl.marketplace.reviews.invitation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import nl.marketplace.reviews.support.Deliveries;
import nl.marketplace.reviews.support.Mails;
import nl.marketplace.reviews.support.TestClock;
import nl.marketplace.reviews.support.TestData;
import nl.marketplace.reviews.support.TestEnvironment;

/** Walks orders through the days after their expected delivery with the clock. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class InvitationTimingTest {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    @Inject
    InvitationService invitations;

    @Inject
    nl.marketplace.reviews.mail.MailDelivery delivery;


    private InvitationService.Run runOn(LocalDate day) throws Throwable {
        TestClock.set(day.atTime(LocalTime.NOON).atZone(AMSTERDAM).toInstant());
        return VertxContextSupport.subscribeAndAwait(() -> invitations.run());
    }

    private static String sentOn(String orderNumber) {
        long n = TestData.count("SELECT count(*) FROM review_invitation i JOIN customer_order o ON o.id = i.order_id "
                + "WHERE o.order_number = '" + orderNumber + "' AND i.status = 'SENT'");
        if (n == 0) {
            return null;
        }
        return String.valueOf(TestData.count("SELECT extract(epoch FROM i.decided_on)::bigint / 86400 FROM review_invitation i "
                + "JOIN customer_order o ON o.id = i.order_id WHERE o.order_number = '" + orderNumber + "'"));
    }

    @Test
    void invitationsGoOutFromDayThreeOnceADayPerCustomerAndExpireAfterDayEighteen() throws Throwable {
        long partner = TestData.partner("Invitation partner");
        LocalDate d = LocalDate.of(2031, 3, 10);
        String p = "I-" + UUID.randomUUID() + "-";
        String k1 = "K1-" + UUID.randomUUID();
        String k2 = "K2-" + UUID.randomUUID();
        String k3 = "K3-" + UUID.randomUUID();
        String e1 = TestData.email();
        String e2 = TestData.email();
        String e3 = TestData.email();
        String e4 = TestData.email();
        Orders.register(List.of(
                Orders.order(p + "first", partner, k1, e1, d, true),
                Orders.order(p + "second", partner, k1, e1, d, true), // same customer: a day later
                Orders.order(p + "optout", partner, k2, e2, d, false),
                Orders.order(p + "othermail", partner, k3, e3, d, true),
                Orders.order(p + "late", partner, "K4-" + UUID.randomUUID(), e4, d.minusDays(25), true)));
        // Customer k3 gets another mail from the platform on day 3.
        TestData.execute("INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, created_at, sent_at) "
                + "VALUES ('OTHER', '" + e3 + "', '" + k3 + "', 'Iets anders', 'Tekst', '" + d.plusDays(3) + " 08:00+01', '" + d.plusDays(3) + " 08:01+01')");

        for (int day = 0; day <= 20; day++) {
            runOn(d.plusDays(day));
            if (day < 3) {
                assertEquals(0, TestData.count("SELECT count(*) FROM review_invitation i JOIN customer_order o ON o.id = i.order_id "
                        + "WHERE o.order_number LIKE '" + p + "%' AND i.status = 'SENT'"), "day " + day);
            }
        }
        long epochDay3 = d.plusDays(3).toEpochDay();
        assertEquals(String.valueOf(epochDay3), sentOn(p + "first"));
        assertEquals(String.valueOf(epochDay3 + 1), sentOn(p + "second"));
        assertEquals(String.valueOf(epochDay3 + 1), sentOn(p + "othermail"));
        assertEquals(null, sentOn(p + "optout"));
        assertEquals(0, TestData.count("SELECT count(*) FROM review_invitation i JOIN customer_order o ON o.id = i.order_id "
                + "WHERE o.order_number = '" + p + "optout'"));
        assertEquals(1, TestData.count("SELECT count(*) FROM review_invitation i JOIN customer_order o ON o.id = i.order_id "
                + "WHERE o.order_number = '" + p + "late' AND i.status = 'EXPIRED' AND i.sent_at IS NULL"));

        List<MimeMessage> toK1 = Mails.await(e1, 2);
        for (MimeMessage mail : toK1) {
            assertEquals("Hoe was je bestelling bij Invitation partner?", mail.getSubject());
            assertTrue(Mails.text(mail).contains("https://shop.test/beoordeling?token="), Mails.text(mail));
        }
        Mails.await(e3, 1);
        // Nothing was put in the outbox for the customer who did not opt in or the late order, and
        // every mail that was is sent, two runs of the job ago.
        assertEquals(0, TestData.count("SELECT count(*) FROM outbox_mail WHERE customer_id = '" + k2 + "' OR recipient = '" + e4 + "'"));
        Deliveries.settled(delivery, "recipient IN ('" + e1 + "', '" + e3 + "')");
        assertTrue(Mails.to(e2).isEmpty());
        assertTrue(Mails.to(e4).isEmpty());
        assertEquals(2, Mails.to(e1).size());
    }

    @Test
    void twoRunsAtTheSameMomentSendEachInvitationOnce() throws Throwable {
        long partner = TestData.partner("Twin job partner");
        LocalDate d = LocalDate.of(2032, 6, 1);
        String p = "T-" + UUID.randomUUID() + "-";
        List<String> emails = new java.util.ArrayList<>();
        List<java.util.Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String email = TestData.email();
            emails.add(email);
            batch.add(Orders.order(p + i, partner, "K-" + UUID.randomUUID(), email, d, true));
        }
        Orders.register(batch);
        TestClock.set(d.plusDays(5).atTime(LocalTime.NOON).atZone(AMSTERDAM).toInstant());
        CompletableFuture<InvitationService.Run> a = CompletableFuture.supplyAsync(() -> run());
        CompletableFuture<InvitationService.Run> b = CompletableFuture.supplyAsync(() -> run());
        InvitationService.Run first = a.get();
        InvitationService.Run second = b.get();
        assertEquals(20, first.sent() + second.sent());
        assertFalse(first.ran() && second.ran() && first.sent() > 0 && second.sent() > 0, "the runs took turns");
        assertEquals(20, TestData.count("SELECT count(*) FROM review_invitation i JOIN customer_order o ON o.id = i.order_id "
                + "WHERE o.order_number LIKE '" + p + "%' AND i.status = 'SENT'"));
        InvitationService.Run third = run();
        assertEquals(0, third.sent());
        for (String email : emails) {
            Mails.await(email, 1);
        }
        Deliveries.settled(delivery, "recipient IN ('" + String.join("','", emails) + "')");
        assertEquals(20, TestData.count("SELECT count(*) FROM outbox_mail WHERE recipient IN ('" + String.join("','", emails) + "')"));
        for (String email : emails) {
            assertEquals(1, Mails.to(email).size());
        }
    }

    private InvitationService.Run run() {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> invitations.run());
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
