package nl.marketplace.reviews.invitation;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** When an invitation may go out (DOMAIN.md "Review invitations"). */
@ApplicationScoped
public class InvitationRules {

    @ConfigMapping(prefix = "reviews.invitation")
    public interface Config {
        /** First day after the expected delivery date on which the invitation may go out. */
        @WithDefault("3")
        int firstDay();

        /** Last such day; after it the invitation expires unsent. */
        @WithDefault("18")
        int lastDay();

        /** How long the review link in the mail works. */
        @WithDefault("P30D")
        Duration linkValidity();

        /** The customer's review page; the mail links to it with ?token=… */
        @WithDefault("https://www.marketplace.example/beoordeling")
        String pageUrl();

        /** How often the job runs (read by @Scheduled). */
        @WithDefault("1h")
        String interval();

        /** How many orders one run looks at. */
        @WithDefault("500")
        int batchSize();
    }

    private final Config config;

    public InvitationRules(Config config) {
        if (config.firstDay() < 0 || config.lastDay() < config.firstDay()) {
            throw new IllegalStateException("reviews.invitation: need 0 <= first-day <= last-day");
        }
        this.config = config;
    }

    public Config config() {
        return config;
    }

    /** Where an order stands on {@code today}, by the days since its expected delivery. */
    public enum Stage {
        /** Before the first day: not yet. */
        WAITING,
        /** From the first through the last day: the job invites it (one platform mail a day permitting). */
        DUE,
        /** After the last day without an invitation: it expires, never sent. */
        EXPIRED
    }

    /**
     * The rule itself, stated on one order. The job selects many orders in SQL by the same bounds
     * ({@link #earliestDelivery}, {@link #latestDelivery}); {@code InvitationTimingTest} walks orders
     * through days 0-20 against the job itself.
     */
    public Stage stage(LocalDate expectedDelivery, LocalDate today) {
        if (expectedDelivery.isBefore(earliestDelivery(today))) {
            return Stage.EXPIRED;
        }
        return expectedDelivery.isAfter(latestDelivery(today)) ? Stage.WAITING : Stage.DUE;
    }

    /** The earliest expected delivery date that is still due on {@code today} (the last day); earlier ones expire. */
    public LocalDate earliestDelivery(LocalDate today) {
        return today.minusDays(config.lastDay());
    }

    /** The latest expected delivery date that is due on {@code today} (the first day); later ones wait. */
    public LocalDate latestDelivery(LocalDate today) {
        return today.minusDays(config.firstDay());
    }
}
