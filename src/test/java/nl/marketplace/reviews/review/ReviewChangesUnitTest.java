package nl.marketplace.reviews.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DOMAIN.md: the author name is "<first name> uit <city>", or "Anoniem" when the customer chose so. */
class ReviewChangesUnitTest {

    @Test
    void authorName() {
        assertEquals("Jenny uit Enschede", ReviewChanges.authorName(false, "Jenny", "Enschede"));
        assertEquals("Anoniem", ReviewChanges.authorName(true, "Jenny", "Enschede"));
    }
}
