package nl.marketplace.reviews.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MailDeliveryTest {

    @Test
    void logLinesCarryNoMailAddress() {
        assertEquals("550 5.1.1 <<address>>: Recipient address rejected",
                MailDelivery.redacted("550 5.1.1 <jenny@example.com>: Recipient address rejected"));
        assertEquals("Connection refused: /127.0.0.1:25", MailDelivery.redacted("Connection refused: /127.0.0.1:25"));
    }
}
