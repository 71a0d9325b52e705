package nl.marketplace.reviews.review;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sorts overall scores into classes, with the configurable thresholds of DOMAIN.md. */
@ApplicationScoped
public class Classifier {

    @ConfigMapping(prefix = "reviews.classes")
    public interface Config {
        /** Lowest overall score that is positive. */
        @WithDefault("8")
        int positiveFrom();

        /** Lowest overall score that is neutral; below it is negative. */
        @WithDefault("6")
        int neutralFrom();
    }

    private final int positiveFrom;
    private final int neutralFrom;

    public Classifier(Config config) {
        if (config.neutralFrom() < 2 || config.positiveFrom() <= config.neutralFrom() || config.positiveFrom() > 10) {
            throw new IllegalStateException("reviews.classes: need 2 <= neutral-from < positive-from <= 10");
        }
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
