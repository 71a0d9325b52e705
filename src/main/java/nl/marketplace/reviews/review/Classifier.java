package nl.marketplace.reviews.review;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/** Sorts overall scores into classes, with the configurable thresholds of DOMAIN.md. */
@ApplicationScoped
public class Classifier {

    @ConfigMapping(prefix = "reviews.classes")
    public interface Config extends CheckedSettings {
        /** Lowest overall score that is positive. */
        @WithDefault("8")
        int positiveFrom();

        /** Lowest overall score that is neutral; below it is negative. */
        @WithDefault("6")
        int neutralFrom();

        /** Three classes, each at least one score wide: 2 <= neutral-from < positive-from <= 10. */
        @Override
        default void check(Checks checks) {
            checks.between("reviews.classes.neutral-from", neutralFrom(), 2, 9);
            checks.between("reviews.classes.positive-from", positiveFrom(), Math.max(2, neutralFrom()) + 1, 10);
        }
    }

    private final int positiveFrom;
    private final int neutralFrom;

    /** The thresholds are checked at start (Config#check, settings.SettingsAtStart). */
    public Classifier(Config config) {
        this.positiveFrom = config.positiveFrom();
        this.neutralFrom = config.neutralFrom();
    }

    public Classification classify(int overall) {
        if (overall >= positiveFrom) {
            return Classification.POSITIVE;
        }
        return overall >= neutralFrom ? Classification.NEUTRAL : Classification.NEGATIVE;
    }

    /** The lowest overall score of a class. */
    public int lowest(Classification c) {
        return switch (c) {
            case POSITIVE -> positiveFrom;
            case NEUTRAL -> neutralFrom;
            case NEGATIVE -> 1;
        };
    }

    /** The highest overall score of a class. */
    public int highest(Classification c) {
        return switch (c) {
            case POSITIVE -> 10;
            case NEUTRAL -> positiveFrom - 1;
            case NEGATIVE -> neutralFrom - 1;
        };
    }
}
