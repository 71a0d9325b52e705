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

    /** Orders whose expected delivery date is on or after this day are not due yet on {@code today}. */
    public LocalDate earliestDelivery(LocalDate today) {
        return today.minusDays(config.lastDay());
    }

    public LocalDate latestDelivery(LocalDate today) {
        return today.minusDays(config.firstDay());
    }
}
