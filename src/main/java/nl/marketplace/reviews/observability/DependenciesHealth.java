package nl.marketplace.reviews.observability;

/**
 * Readiness means "can serve requests": the database and nothing else (Quarkus' datasource checks).
 * Dependencies that only delay work (the SMTP server: mails wait in the outbox; LISTEN: subscriptions
 * catch up) are reported in a health group of their own, {@code /q/health/group/dependencies}, and
 * as metrics, so that their outage never takes a pod out of its Service (README, Operations).
 */
public final class DependenciesHealth {

    public static final String GROUP = "dependencies";

    private DependenciesHealth() {
    }
}
