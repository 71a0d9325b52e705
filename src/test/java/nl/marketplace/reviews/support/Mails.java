package nl.marketplace.reviews.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads what reached the test SMTP server. */
public final class Mails {

    private Mails() {
    }

    public static List<MimeMessage> to(String recipient) {
        return Arrays.stream(TestEnvironment.mail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(recipient));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until {@code count} mails reached the recipient (the delivery job runs every second). */
    public static List<MimeMessage> await(String recipient, int count, Duration timeout) {
        List<MimeMessage> mails = Eventually.value(count + " mail(s) to " + recipient, timeout, () -> {
            List<MimeMessage> now = to(recipient);
            return now.size() >= count ? Optional.of(now) : Optional.empty();
        });
        assertEquals(count, mails.size(), "mails to " + recipient);
        return mails;
    }

    public static List<MimeMessage> await(String recipient, int count) {
        return await(recipient, count, Duration.ofSeconds(20));
    }

    /** The text/plain part. */
    public static String text(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    /** The token of the re-review link in a mail's text. */
    public static String token(MimeMessage mail) {
        Matcher m = Pattern.compile("https://shop\\.test/opnieuw\\?token=([A-Za-z0-9_-]+)").matcher(text(mail));
        if (!m.find()) {
            fail("no re-review link in: " + text(mail));
        }
        return m.group(1);
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return String.valueOf(part.getContent());
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
