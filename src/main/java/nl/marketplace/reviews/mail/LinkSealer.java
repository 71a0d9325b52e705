package nl.marketplace.reviews.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import nl.marketplace.reviews.security.LinkTokens;

/**
 * Seals the single-use token of a mail's link while the mail waits in the outbox, so that a copy of
 * the database holds no working link: the stored body has {@link #PLACEHOLDER} where the token
 * goes, the token is kept encrypted (AES-256-GCM with {@code reviews.mail.link-key}, which lives
 * outside the database: a Kubernetes Secret), and the delivery job opens it and completes the link
 * just before it sends, then drops it. The invitation or re-review itself keeps only the token's
 * hash ({@link LinkTokens}).
 *
 * <p>The key is required (the service does not start without it): instances that mail what another
 * enqueued must share it. Dev and test have a fixed key, the embedded demo database one of its own.
 */
@Startup
@ApplicationScoped
public class LinkSealer {

    /** Where a stored mail body has the token; letters and hyphens only, so HTML and URLs leave it as is. */
    public static final String PLACEHOLDER = "LINK-TOKEN-SEALED-IN-OUTBOX";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    @jakarta.inject.Inject
    public LinkSealer(MailDelivery.Config config) {
        this(config.linkKey());
    }

    LinkSealer(Optional<String> key) {
        this.key = new SecretKeySpec(decode(key), "AES");
    }

    static byte[] decode(Optional<String> key) {
        String problem = keyProblem(key);
        if (problem != null) {
            // Checked at start (MailDelivery.Config#check); this is the last line of defence.
            throw new IllegalStateException("reviews.mail.link-key (MAIL_LINK_KEY) must be 32 random bytes in base64 (openssl rand -base64 32): "
                    + problem);
        }
        return Base64.getDecoder().decode(key.get().strip());
    }

    /** What is wrong with a link key, or null: it must be 32 bytes in base64. */
    public static String keyProblem(Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            return "it is not set";
        }
        try {
            int length = Base64.getDecoder().decode(key.get().strip()).length;
            return length == 32 ? null : "it has " + length + " bytes";
        } catch (IllegalArgumentException e) {
            return "it is not base64";
        }
    }

    /** The link to a page with the mail's token in it, as it is stored (with the placeholder). */
    public static String link(String pageUrl) {
        return pageUrl + "?token=" + PLACEHOLDER;
    }

    /** The token, encrypted: a random IV followed by the ciphertext and its tag. */
    public byte[] seal(String token) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(token.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token again; fails when the key is not the one it was sealed with, or the bytes were changed. */
    public String open(byte[] sealed) throws GeneralSecurityException {
        if (sealed == null || sealed.length <= IV_BYTES) {
            throw new GeneralSecurityException("not a sealed token");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.US_ASCII);
    }

    /** A body as it is sent: the placeholder replaced by the token. */
    public static String completed(String body, String token) {
        return body == null ? null : body.replace(PLACEHOLDER, token);
    }
}
