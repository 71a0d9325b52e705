package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The text rules on their own: plain JUnit, no Quarkus. */
class TextsUnitTest {

    @Test
    void trimmingTakesEveryKindOfSpaceFromBothEnds() {
        assertNull(Texts.trimmed(" \t\n\u00a0\u2007\u202f\u200b\ufeff\u3000 "));
        assertEquals("a\u00a0b", Texts.trimmed("\u00a0 a\u00a0b \u2003"));
        assertNull(Texts.trimmed(null));
    }

    @Test
    void freeTextsHoldLineBreaksAndTabsAndNoOtherControlCharacter() {
        assertNull(Texts.problem("Hallo,\r\n\tgroet", 100));
        assertNotNull(Texts.problem("a\u0000b", 100));
        assertNotNull(Texts.problem("a\u0007b", 100));
        assertNotNull(Texts.problem("a\u001bb", 100));
        assertNotNull(Texts.problem("a\u0085b", 100));
        assertNull(Texts.problem("Zo 😀 blij", 100), "a pair is one character");
        assertEquals(null, Texts.problem("😀".repeat(5), 5));
        assertNotNull(Texts.problem("😀".repeat(6), 5));
    }

    @Test
    void halfOfASurrogatePairIsRefused() {
        assertNotNull(Texts.problem("a\udfffb", 100));
        assertNotNull(Texts.problem("a\ud83db", 100));
        assertNotNull(Texts.problem("a\ud83d", 100));
    }

    @Test
    void singleLineFieldsHoldNoControlCharacterAtAll() {
        assertNull(Texts.lineProblem("Delft", 100));
        assertNotNull(Texts.lineProblem("Delft\r\nX-Evil: 1", 100));
        assertNotNull(Texts.lineProblem("Del\tft", 100));
        assertNotNull(Texts.lineProblem(null, 100));
        assertNotNull(Texts.lineProblem("x".repeat(101), 100));
    }
}
