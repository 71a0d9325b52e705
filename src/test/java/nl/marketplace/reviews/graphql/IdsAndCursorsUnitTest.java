package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewCursor;
import nl.marketplace.reviews.review.ReviewOrder;
import nl.marketplace.reviews.review.SubScores;

/** Opaque ids and keyset cursors: what goes in comes out, and anything else is BAD_USER_INPUT. */
class IdsAndCursorsUnitTest {

    @Test
    void idsRoundTripAndKnowTheirType() {
        String id = GlobalId.encode("Partner", 1);
        assertEquals("UGFydG5lcjox", id);
        assertEquals(1, GlobalId.key(id, "Partner", "id"));
        assertEquals("Partner", GlobalId.typeOf(id, "id"));
        BadUserInputException wrongType = assertThrows(BadUserInputException.class, () -> GlobalId.key(id, "Review", "reviewId"));
        assertEquals(true, wrongType.getMessage().contains("reviewId"), wrongType.getMessage());
        assertNull(GlobalId.keyOrNull(id, "Review"));
    }

    @Test
    void malformedIdsAreRefused() {
        for (String bad : new String[] { "", "x", "UGFydG5lcjow", "UGFydG5lcjotMQ", "UGFydG5lcjox'--", "a".repeat(101),
                GlobalId.encode("Partner", 0).replace("w", "") }) {
            assertThrows(BadUserInputException.class, () -> GlobalId.key(bad, "Partner", "id"), bad);
        }
        assertThrows(BadUserInputException.class, () -> GlobalId.key(null, "Partner", "id"));
    }

    @Test
    void cursorsRoundTripForTheirOrderOnly() {
        Review review = review(7, OffsetDateTime.parse("2027-03-28T02:30:00.123456+01:00"), 42);
        String cursor = ReviewCursor.encode(ReviewOrder.HIGHEST_OVERALL, review);
        ReviewCursor decoded = ReviewCursor.decode(cursor, ReviewOrder.HIGHEST_OVERALL);
        assertEquals(7, decoded.overall());
        assertEquals(42, decoded.key());
        assertEquals(review.createdAt().toInstant(), decoded.createdAt().toInstant(), "to the microsecond");
        assertThrows(BadUserInputException.class, () -> ReviewCursor.decode(cursor, ReviewOrder.NEWEST));
        for (String bad : new String[] { "", "!!!", "cjE6MDo3", GlobalId.encode("Partner", 1) }) {
            assertThrows(BadUserInputException.class, () -> ReviewCursor.decode(bad, ReviewOrder.NEWEST), bad);
        }
    }

    private static Review review(int overall, OffsetDateTime createdAt, long key) {
        return new Review(GlobalId.encode(Review.TYPE, key), key, 1, createdAt, "Anoniem", overall, overall,
                new SubScores(null, null, null, null), null, null, Classification.NEUTRAL, false, null, null, null);
    }
}
