package nl.marketplace.reviews.review;

/** Classifiers with given thresholds, for the fast tests (no configuration, no Quarkus). */
public final class Classes {

    private Classes() {
    }

    public static Classifier of(int positiveFrom, int neutralFrom) {
        return new Classifier(new Classifier.Config() {
            @Override
            public int positiveFrom() {
                return positiveFrom;
            }

            @Override
            public int neutralFrom() {
                return neutralFrom;
            }
        });
    }

    /** DOMAIN.md's defaults: positive 8–10, neutral 6–7, negative 1–5. */
    public static Classifier defaults() {
        return of(8, 6);
    }
}
