package nl.marketplace.reviews.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.UserErrorCode;

/** The single-use links of invitation and re-review mails. */
class LinkTokensUnitTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2027-10-31T02:30:00+02:00");

    @Test
    void tokensAreRandomWellFormedAndKeptOnlyAsHashes() {
        String a = LinkTokens.newToken();
        String b = LinkTokens.newToken();
        assertNotEquals(a, b);
        assertTrue(LinkTokens.wellFormed(a));
        assertFalse(LinkTokens.wellFormed(a + "x"));
        assertFalse(LinkTokens.wellFormed("' OR 1=1 --"));
        assertFalse(LinkTokens.wellFormed(null));
        assertEquals(32, LinkTokens.hash(a).length);
    }

    @Test
    void aLinkWorksOnceAndUntilItExpires() {
        assertNull(LinkTokens.refusal(null, NOW.plusSeconds(1), NOW));
        assertEquals(UserErrorCode.TOKEN_EXPIRED, code(LinkTokens.refusal(null, NOW, NOW)), "at its expiry it no longer works");
        assertEquals(UserErrorCode.TOKEN_USED, code(LinkTokens.refusal(NOW.minusDays(1), NOW.plusDays(1), NOW)));
        assertEquals(UserErrorCode.TOKEN_USED, code(LinkTokens.refusal(NOW.minusDays(1), NOW.minusDays(1), NOW)), "used says more than expired");
        assertEquals(UserErrorCode.INVALID_TOKEN, code(LinkTokens.invalid()));
        assertEquals(java.util.List.of("input", "token"), LinkTokens.invalid().userErrors().get(0).field());
    }

    private static UserErrorCode code(Outcome<?> outcome) {
        return outcome.userErrors().get(0).code();
    }
}
