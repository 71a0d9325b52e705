package nl.marketplace.reviews.db;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.pgclient.PgConnectOptions;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * Where the service's connections go besides the datasource (which may be a pooler): the primary
 * directly, for LISTEN, and a replica for public reads (README, "Reads on replicas").
 */
@ConfigMapping(prefix = "reviews.db")
public interface DatabaseSettings extends CheckedSettings {

    /** A direct connection to the primary for LISTEN, for example postgresql://reviews-db-rw:5432/reviews; default: the pool's. */
    Optional<String> directUrl();

    /** A hot standby (or a pooler in front of the standbys) for anonymous, public reads. */
    Replica replica();

    /**
     * Connections per instance on which single statements are pipelined ({@link PipelinedReads}):
     * up to {@link PipelinedReads#DEPTH} statements in flight on each, so PostgreSQL's backend reads
     * several per wake-up. 0: every statement takes a connection of the pool to itself.
     */
    @WithDefault("4")
    int pipelinedConnections();

    interface Replica {
        /** The replica, for example postgresql://reviews-db-pooler-ro:5432/reviews; none: every read goes to the primary. */
        Optional<String> url();

        /** How far behind the primary the replica may be for public reads to use it; beyond, they go to the primary. */
        @WithDefault("5s")
        Duration maxLag();

        /** How often the replica's lag is measured. */
        @WithDefault("1s")
        Duration checkInterval();

        /**
         * How long a public read may wait for the replica (or its pooler) before the primary takes
         * it: a pooler whose replica went away keeps its clients waiting, it does not refuse them.
         */
        @WithDefault("2s")
        Duration timeout();

        /** Connections to the replica per instance. */
        @WithDefault("16")
        int maxSize();
    }

    @Override
    default void check(Checks checks) {
        directUrl().filter(url -> !url.isBlank()).ifPresent(url -> checks.require(postgresUrl(url), "reviews.db.direct-url", url,
                "a PostgreSQL URL: postgresql://host:port/database"));
        replica().url().filter(url -> !url.isBlank()).ifPresent(url -> checks.require(postgresUrl(url), "reviews.db.replica.url", url,
                "a PostgreSQL URL: postgresql://host:port/database"));
        checks.require(replica().maxLag().compareTo(Duration.ofSeconds(1)) >= 0 && replica().maxLag().compareTo(Duration.ofMinutes(10)) <= 0,
                "reviews.db.replica.max-lag", replica().maxLag(), "from 1s to 10m");
        checks.positive("reviews.db.replica.check-interval", replica().checkInterval());
        checks.shorter("reviews.db.replica.check-interval", replica().checkInterval(), "reviews.db.replica.max-lag", replica().maxLag());
        checks.between("reviews.db.replica.max-size", replica().maxSize(), 1, 1_000);
        checks.between("reviews.db.pipelined-connections", pipelinedConnections(), 0, 1_000);
        checks.require(replica().timeout().compareTo(Duration.ofMillis(100)) >= 0 && replica().timeout().compareTo(Duration.ofMinutes(1)) <= 0,
                "reviews.db.replica.timeout", replica().timeout(), "from 100ms to 1m");
    }

    static boolean postgresUrl(String url) {
        try {
            java.net.URI uri = new java.net.URI(url.strip());
            return "postgresql".equals(uri.getScheme()) && uri.getHost() != null && uri.getPath() != null && uri.getPath().length() > 1
                    && PgConnectOptions.fromUri(url.strip()) != null;
        } catch (RuntimeException | java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Connect options of a URL, with the datasource's user and password when the URL names none. */
    static PgConnectOptions options(String url, Optional<String> user, Optional<String> password) {
        PgConnectOptions options = PgConnectOptions.fromUri(url.strip());
        if (!url.contains("@")) {
            user.ifPresent(options::setUser);
            password.ifPresent(options::setPassword);
        }
        return options;
    }
}
