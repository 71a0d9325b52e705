package nl.marketplace.reviews.invitation;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/** When an invitation may go out (DOMAIN.md "Review invitations"). */
@ApplicationScoped
public class InvitationRules {

    @ConfigMapping(prefix = "reviews.invitation")
    public interface Config extends CheckedSettings {
        /** First day after the expected delivery date on which the invitation may go out. */
        @WithDefault("3")
        int firstDay();

        /** Last such day; after it the invitation expires unsent. */
        @WithDefault("18")
        int lastDay();

        /** How many days the review link works after the day it was sent (through the last of them, Amsterdam time). */
        @WithDefault("P30D")
        Period linkValidity();

        /** The customer's review page; the mail links to it with ?token=… */
        @WithDefault("https://www.marketplace.example/beoordeling")
        String pageUrl();

        /** How often the job runs (read by @Scheduled). */
        @WithDefault("1h")
        Duration interval();

        /** How many orders one transaction of a run takes; a run goes on batch after batch. */
        @WithDefault("500")
        int batchSize();

        @Override
        default void check(Checks checks) {
            checks.between("reviews.invitation.first-day", firstDay(), 0, 365);
            checks.between("reviews.invitation.last-day", lastDay(), Math.max(0, firstDay()), 365);
            checks.wholeDays("reviews.invitation.link-validity", linkValidity());
            checks.pageUrl("reviews.invitation.page-url", pageUrl());
            checks.positive("reviews.invitation.interval", interval());
            checks.between("reviews.invitation.batch-size", batchSize(), 1, 10_000);
        }
    }

    private final Config config;

    /** The days are checked at start (Config#check, settings.SettingsAtStart). */
    public InvitationRules(Config config) {
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
