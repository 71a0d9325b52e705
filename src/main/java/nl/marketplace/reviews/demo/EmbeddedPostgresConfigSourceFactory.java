package nl.marketplace.reviews.demo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Chooses the database when the service starts:
 * <ol>
 * <li>{@code quarkus.datasource.reactive.url} set (for example QUARKUS_DATASOURCE_REACTIVE_URL): that server;</li>
 * <li>else {@code DB_HOST} set: that server, from DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD;
 * with {@code DB_DIRECT_HOST} the primary itself for Flyway (JDBC) and LISTEN while DB_HOST is a
 * pooler, and with {@code DB_REPLICA_HOST} a replica (or its pooler) for public reads (README,
 * "Reads on replicas", "Connections through a pooler");</li>
 * <li>else, in dev mode only and unless {@code reviews.embedded-postgres.enabled=false}: an embedded
 * PostgreSQL ({@link EmbeddedDemoDatabase}) with demo data. This is what makes the README's run
 * command work on a fresh machine.</li>
 * </ol>
 * The packaged application has no embedded PostgreSQL (the dependency is {@code provided}): without
 * a database configured it stops at start-up, and Quarkus names the missing URL
 * ({@code PackagedWithoutDatabaseIT}). A pod with a forgotten secret must not run on an empty
 * database of its own. The test profile always configures its own server.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Below system properties (400) and environment variables (300), above application.properties (250). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (context.getProfiles().contains("test") || value(context, "quarkus.datasource.reactive.url") != null) {
            return List.of();
        }
        Map<String, String> config = new HashMap<>();
        String host = value(context, "DB_HOST");
        if (host != null) {
            String port = orElse(value(context, "DB_PORT"), "5432");
            String name = orElse(value(context, "DB_NAME"), "reviews");
            String direct = orElse(value(context, "DB_DIRECT_HOST"), host);
            config.put("quarkus.datasource.reactive.url", "postgresql://" + host + ":" + port + "/" + name);
            config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + direct + ":" + port + "/" + name);
            if (!direct.equals(host)) {
                config.put("reviews.db.direct-url", "postgresql://" + direct + ":" + port + "/" + name);
            }
            String replica = value(context, "DB_REPLICA_HOST");
            if (replica != null) {
                config.put("reviews.db.replica.url", "postgresql://" + replica + ":" + port + "/" + name);
            }
            putIfSet(config, "quarkus.datasource.username", value(context, "DB_USER"));
            putIfSet(config, "quarkus.datasource.password", value(context, "DB_PASSWORD"));
        } else if (context.getProfiles().contains("dev") && !"false".equals(value(context, "reviews.embedded-postgres.enabled"))) {
            return List.of(new EmbeddedSource(Path.of(orElse(value(context, "reviews.embedded-postgres.data-dir"), ".data/postgres"))));
        } else {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(config, "database-selection", ORDINAL));
    }

    /**
     * Starts the embedded server on the first lookup of a datasource URL, not when the source is
     * made: Quarkus also builds its configuration during the Maven build, which needs no database.
     */
    private static final class EmbeddedSource implements ConfigSource {
        private final Path dataDir;

        EmbeddedSource(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** The URLs are left out: listing them would make the build look them up, and start the server. */
        @Override
        public Set<String> getPropertyNames() {
            return Set.of("quarkus.datasource.username", "reviews.demo-data.load", "reviews.mail.link-key");
        }

        @Override
        public String getValue(String name) {
            return switch (name) {
                case "quarkus.datasource.reactive.url" -> "postgresql://127.0.0.1:" + embeddedPort(dataDir) + "/postgres";
                case "quarkus.datasource.jdbc.url" -> "jdbc:postgresql://127.0.0.1:" + embeddedPort(dataDir) + "/postgres";
                case "quarkus.datasource.username" -> "postgres";
                case "reviews.demo-data.load" -> "true";
                // A demo on one machine: the links of its outbox need no secret key (production sets MAIL_LINK_KEY).
                case "reviews.mail.link-key" -> "IjobZ/+HrGd6b83ObW7W3kmNWomvvuo4klZ2P0qnrC0=";
                default -> null;
            };
        }

        @Override
        public String getName() {
            return "embedded-postgres";
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }
    }

    /**
     * Reached by name: {@link EmbeddedDemoDatabase} needs zonky's embedded-postgres, which dev mode
     * has and the packaged application (and a native image of it) has not.
     */
    private static int embeddedPort(Path dataDir) {
        try {
            return (int) Class.forName("nl.marketplace.reviews.demo.EmbeddedDemoDatabase").getMethod("port", Path.class).invoke(null, dataDir);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("No embedded PostgreSQL in this build: configure a database (README, Configuration)", e);
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static void putIfSet(Map<String, String> config, String key, String value) {
        if (value != null) {
            config.put(key, value);
        }
    }
}
