package nl.marketplace.reviews.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MailDeliveryUnitTest {

    @Test
    void backOffDoublesUpToItsCeiling() {
        Duration first = Duration.ofSeconds(10);
        Duration max = Duration.ofMinutes(5);
        assertEquals(Duration.ofSeconds(10), MailDelivery.backoff(first, max, 1));
        assertEquals(Duration.ofSeconds(20), MailDelivery.backoff(first, max, 2));
        // Exponential, not linear: a linear back-off would wait 30 s here.
        assertEquals(Duration.ofSeconds(40), MailDelivery.backoff(first, max, 3));
        assertEquals(Duration.ofSeconds(160), MailDelivery.backoff(first, max, 5));
        assertEquals(max, MailDelivery.backoff(first, max, 6));
        assertEquals(max, MailDelivery.backoff(first, max, 1000), "no overflow after many failures");
        assertEquals(first, MailDelivery.backoff(first, max, 0));
    }

    @Test
    void logLinesCarryNoMailAddress() {
        assertEquals("550 5.1.1 <<address>>: Recipient address rejected",
                MailDelivery.redacted("550 5.1.1 <jenny@example.com>: Recipient address rejected"));
        assertEquals("Connection refused: /127.0.0.1:25", MailDelivery.redacted("Connection refused: /127.0.0.1:25"));
    }
}
