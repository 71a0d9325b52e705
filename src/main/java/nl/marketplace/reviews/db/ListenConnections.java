package nl.marketplace.reviews.db;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;

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

    private final Pool pool;
    private final Vertx vertx;
    private final Optional<PgConnectOptions> direct;

    public ListenConnections(Pool pool, Vertx vertx, DatabaseSettings config,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.pool = pool;
        this.vertx = vertx;
        this.direct = config.directUrl().filter(url -> !url.isBlank())
                .map(url -> DatabaseSettings.options(url, user, password).setReconnectAttempts(0));
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
