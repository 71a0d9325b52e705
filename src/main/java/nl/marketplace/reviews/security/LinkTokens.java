package nl.marketplace.reviews.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.Base64;

import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * The single-use tokens of the links in mails (review invitations, re-review requests): 256 random
 * bits, kept only as SHA-256 hashes, and the one home of how such a link is redeemed.
 */
public final class LinkTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has a token's shape (43 base64url characters); anything else is not worth a look-up. */
    public static boolean wellFormed(String token) {
        return token != null && token.matches("[A-Za-z0-9_-]{43}");
    }

    /** A database leak gives no working link. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When a link sent {@code now} stops working: it works through the last day of its validity,
     * counted in Amsterdam days from the day it was sent, and the mail names that day ("tot en met
     * 15-4-2022"), so it expires when the next day starts (not at the hour it was sent, which the
     * customer cannot see, nor after 24-hour days across a DST change).
     */
    public static OffsetDateTime expiry(OffsetDateTime now, Period validity) {
        return BusinessTime.endOf(lastDay(now, validity));
    }

    /** The last day on which a link sent {@code now} works: the day its mail names. */
    public static LocalDate lastDay(OffsetDateTime now, Period validity) {
        return BusinessTime.day(now).plus(validity);
    }

    /** A link that is malformed or unknown: the same answer for both. */
    public static <T> Outcome<T> invalid() {
        return Outcome.refused(UserErrorCode.INVALID_TOKEN, "This link is not valid", "input", "token");
    }

    /**
     * Why a link, found by its hash, cannot be redeemed at {@code now}, or null when it can: used
     * already (it works once), or expired (at {@code expiresAt} it no longer works).
     */
    public static <T> Outcome<T> refusal(OffsetDateTime usedAt, OffsetDateTime expiresAt, OffsetDateTime now) {
        if (usedAt != null) {
            return Outcome.refused(UserErrorCode.TOKEN_USED, "This link was used already", "input", "token");
        }
        if (!now.isBefore(expiresAt)) {
            return Outcome.refused(UserErrorCode.TOKEN_EXPIRED, "This link has expired", "input", "token");
        }
        return null;
    }
}
