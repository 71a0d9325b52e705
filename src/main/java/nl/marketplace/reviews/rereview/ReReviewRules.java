package nl.marketplace.reviews.rereview;

import java.time.OffsetDateTime;
import java.time.Period;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Classifier;
import io.smallrye.config.WithDefault;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.time.BusinessTime;

/** The rules of DOMAIN.md "Re-review", in one place for the mutation and the private field. */
@ApplicationScoped
public class ReReviewRules {

    @ConfigMapping(prefix = "reviews.re-review")
    public interface Config extends CheckedSettings {
        /** How old, in months, a review may be to be asked again. */
        @WithDefault("3")
        int maxAgeMonths();

        /** How many days the customer's link works after the day it was sent (through the last of them, Amsterdam time). */
        @WithDefault("P14D")
        Period tokenValidity();

        /** The customer's re-review page; the mail links to it with ?token=… */
        @WithDefault("https://www.marketplace.example/beoordeling/opnieuw")
        String pageUrl();

        @Override
        default void check(Checks checks) {
            checks.between("reviews.re-review.max-age-months", maxAgeMonths(), 1, 24);
            checks.wholeDays("reviews.re-review.token-validity", tokenValidity());
            checks.pageUrl("reviews.re-review.page-url", pageUrl());
        }
    }

    /** What the rules look at: the review and its contact and request history. */
    public record Facts(long reviewKey, int overall, OffsetDateTime reviewCreatedAt, boolean contacted, OffsetDateTime requestedAt,
            OffsetDateTime expiresAt, OffsetDateTime completedAt) {
    }

    private final Config config;
    /** "Not positive" is the classes' rule (reviews.classes.*), not a setting of its own. */
    private final Classifier classifier;

    public ReReviewRules(Config config, Classifier classifier) {
        this.config = config;
        this.classifier = classifier;
    }

    public Config config() {
        return config;
    }

    /**
     * Why a re-review cannot be requested now, or null when it can. Reasons that no action of the
     * partner changes come first: mailing the customer of a positive or too old review would not
     * help, so CONTACT_REQUIRED is named only where the mail is all that is missing.
     */
    public ReReviewIneligibility ineligibility(Facts f, OffsetDateTime now) {
        if (f.requestedAt() != null) {
            return ReReviewIneligibility.ALREADY_REQUESTED;
        }
        if (classifier.classify(f.overall()) == Classification.POSITIVE) {
            return ReReviewIneligibility.POSITIVE;
        }
        // "Not older than 3 months", in Amsterdam days: a review given on 1 December may be asked again
        // through 1 March, not on 2 March (on UTC, 1 March 00:30 would still be 28 February).
        if (BusinessTime.day(f.reviewCreatedAt()).isBefore(BusinessTime.day(now).minusMonths(config.maxAgeMonths()))) {
            return ReReviewIneligibility.TOO_OLD;
        }
        if (!f.contacted()) {
            return ReReviewIneligibility.CONTACT_REQUIRED;
        }
        return null;
    }

    public ReReview state(Facts f, OffsetDateTime now) {
        ReReviewStatus status;
        if (f.requestedAt() == null) {
            status = ReReviewStatus.NOT_REQUESTED;
        } else if (f.completedAt() != null) {
            status = ReReviewStatus.COMPLETED;
        } else if (!now.isBefore(f.expiresAt())) {
            status = ReReviewStatus.EXPIRED;
        } else {
            status = ReReviewStatus.SENT;
        }
        ReReviewIneligibility why = ineligibility(f, now);
        return new ReReview(GlobalId.encode(ReReview.TYPE, f.reviewKey()), status, f.requestedAt(), f.expiresAt(), f.completedAt(),
                why == null, why);
    }
}
