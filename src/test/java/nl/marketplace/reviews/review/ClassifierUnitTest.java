package nl.marketplace.reviews.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** DOMAIN.md "Classes, configurable": positive 8–10, neutral 6–7, negative 1–5 by default. */
class ClassifierUnitTest {

    @Test
    void defaultClasses() {
        Classifier classes = Classes.defaults();
        for (int overall = 1; overall <= 10; overall++) {
            Classification expected = overall >= 8 ? Classification.POSITIVE : overall >= 6 ? Classification.NEUTRAL : Classification.NEGATIVE;
            assertEquals(expected, classes.classify(overall), "overall " + overall);
        }
        assertEquals(8, classes.lowest(Classification.POSITIVE));
        assertEquals(7, classes.highest(Classification.NEUTRAL));
        assertEquals(5, classes.highest(Classification.NEGATIVE));
    }

    @Test
    void otherThresholdsMoveEveryBoundary() {
        Classifier classes = Classes.of(9, 5);
        assertEquals(Classification.NEUTRAL, classes.classify(8));
        assertEquals(Classification.POSITIVE, classes.classify(9));
        assertEquals(Classification.NEUTRAL, classes.classify(5));
        assertEquals(Classification.NEGATIVE, classes.classify(4));
        assertEquals(8, classes.highest(Classification.NEUTRAL));
        assertEquals(4, classes.highest(Classification.NEGATIVE));
    }
    // Impossible thresholds stop the start: SettingsUnitTest (reviews.classes.*).
}
