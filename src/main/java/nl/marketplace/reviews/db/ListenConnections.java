package nl.marketplace.reviews.db;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.config.ConfigMapping;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * Where a LISTEN connection comes from. NOTIFY reaches only sessions on the primary that keep their
 * connection: a pooler in transaction mode hands the session to others between statements, and a
 * hot standby hears nothing. So with {@code reviews.db.direct-url} set (the primary itself, never a
 * pooler or a replica) LISTEN gets a connection of its own to it, with the datasource's user and
 * password (TLS: {@code ?sslmode=} in the URL); without it, a connection of the datasource's pool,
 * with all of the datasource's settings.
 */
@ApplicationScoped
public class ListenConnections {

    @ConfigMapping(prefix = "reviews.db")
    public interface Config extends CheckedSettings {
        /** A direct connection to the primary for LISTEN, for example postgresql://reviews-db-rw:5432/reviews; default: the pool's. */
        Optional<String> directUrl();

        @Override
        default void check(Checks checks) {
            directUrl().filter(url -> !url.isBlank()).ifPresent(url -> {
                boolean ok;
                try {
                    java.net.URI uri = new java.net.URI(url.strip());
                    ok = "postgresql".equals(uri.getScheme()) && uri.getHost() != null && uri.getPath() != null
                            && uri.getPath().length() > 1 && PgConnectOptions.fromUri(url.strip()) != null;
                } catch (RuntimeException | java.net.URISyntaxException e) {
                    ok = false;
                }
                checks.require(ok, "reviews.db.direct-url", url, "a PostgreSQL URL: postgresql://host:port/database");
            });
        }
    }

    private final Pool pool;
    private final Vertx vertx;
    private final Optional<PgConnectOptions> direct;

    public ListenConnections(Pool pool, Vertx vertx, Config config,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.vertx = vertx;
        this.direct = config.directUrl().filter(url -> !url.isBlank()).map(url -> {
            PgConnectOptions options = PgConnectOptions.fromUri(url.strip());
            if (!url.contains("@")) { // no user in the URL: the datasource's
                user.ifPresent(options::setUser);
                password.ifPresent(options::setPassword);
            }
            return options.setReconnectAttempts(0);
        });
    }

    /** A connection to LISTEN on; the caller closes it. */
    public Uni<SqlConnection> connect() {
        return direct.<Uni<SqlConnection>>map(options -> PgConnection.connect(vertx, options).map(c -> (SqlConnection) c))
                .orElseGet(pool::getConnection);
    }

    /** Where it connects, for the log: host and port, never the password. */
    public String target() {
        return direct.map(o -> o.getHost() + ":" + o.getPort() + "/" + o.getDatabase()).orElse("the datasource's pool");
    }
}
