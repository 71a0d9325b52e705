package nl.marketplace.reviews.db;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.PoolOptions;

/**
 * A pooled client whose connections carry several statements at once (Vert.x' pipelining), for the
 * single statements {@link Db#query} sends. Each statement that takes a connection of its own
 * wakes a PostgreSQL backend, which reads it, answers and sleeps again; with up to {@link #DEPTH}
 * statements on a connection, a backend reads the ones waiting in one go. On the dashboard's page
 * (one statement, large data) that took PostgreSQL's CPU per request from about 0.30 to 0.22 ms and
 * the service's a little too (README, "Benchmarks"). The depth is small so that a slow statement holds
 * up at most a few behind it; transactions and the jobs' statements that may run long (prunes in
 * batches, the month's and the platform's figures, the outbox count) keep the pool
 * ({@link Db#inTransaction}, {@link Db#queryAlone}).
 *
 * <p>Same server, user and statement settings as the datasource's reactive pool ({@link PoolConnectOptions});
 * {@code reviews.db.pipelined-connections} connections per instance (0: none, the pool takes every
 * statement).
 */
@ApplicationScoped
public class PipelinedReads {

    /** Statements in flight on one connection at most (PgConnectOptions' pipelining limit). */
    public static final int DEPTH = 4;

    private final Optional<SqlClient> client;

    public PipelinedReads(DatabaseSettings settings, Vertx vertx, PoolConnectOptions options) {
        int connections = settings.pipelinedConnections();
        this.client = options.datasourceUrl().filter(u -> connections > 0 && DatabaseSettings.postgresUrl(u)).map(u -> PgBuilder.client()
                .with(new PoolOptions().setMaxSize(connections).setName("pipelined"))
                .connectingTo(options.of(u).setPipeliningLimit(DEPTH))
                .using(vertx.getDelegate()).build())
                .map(SqlClient::newInstance);
    }

    /** The client, or empty when pipelining is off (or the datasource's URL is not one URL this can read). */
    Optional<SqlClient> client() {
        return client;
    }

    void stop(@Observes ShutdownEvent event) {
        client.ifPresent(SqlClient::closeAndForget);
    }
}
