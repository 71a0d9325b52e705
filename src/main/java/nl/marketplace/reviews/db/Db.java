package nl.marketplace.reviews.db;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one way the read path talks to PostgreSQL: prepared statements on the primary (pipelined, or on
 * the reactive pool), or on the replica's pool for the public reads that may use it ({@link Replica}).
 *
 * <p>Single statements go pipelined ({@link PipelinedReads}) or each on a connection of the pool;
 * either way no GraphQL resolvers that run concurrently on one Vert.x context (quarkus issue 32870)
 * share a session or a transaction. Every statement is counted,
 * so tests can prove that a request's statement count does not grow with the page size.
 */
@ApplicationScoped
public class Db {

    private final Pool pool;
    /** Single statements on the primary: pipelined, or the pool's when pipelining is off. */
    private final SqlClient single;
    private final Replica replica;
    private final AtomicLong statements = new AtomicLong();

    public Db(Pool pool, PipelinedReads pipelined, Replica replica) {
        this.pool = pool;
        this.single = pipelined.client().orElse(pool);
        this.replica = replica;
    }

    /** On the primary, or on the replica for a read of an anonymous query while the replica is fresh enough ({@link Replica}). */
    public Uni<RowSet<Row>> query(String sql, Tuple args) {
        statements.incrementAndGet();
        ReadVersions versions = ReadVersions.current();
        Pool read = replica.forRead(sql);
        Uni<RowSet<Row>> result;
        if (read == null) {
            result = single.preparedQuery(sql).execute(args);
        } else {
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            result = read.preparedQuery(sql).execute(args).ifNoItem().after(replica.timeout()).failWith(Replica.TimedOut::new)
                    .onFailure(Replica::retryOnPrimary).recoverWithUni(failure -> {
                        replica.failed(failure);
                        return pool.preparedQuery(sql).execute(args);
                    });
            if (context != null) {
                // The timeout fires on Mutiny's timer thread, and the primary's answer would then arrive on
                // a context of its own: back to the request's, where its versions and batches are kept.
                result = result.emitOn(command -> context.runOnContext(ignored -> command.run()));
            }
        }
        return versions == null ? result : result.invoke(versions::note);
    }

    /**
     * On a connection of the pool to itself: for a statement that may run long (a job's batch), which
     * on a pipelined connection would hold up the statements behind it ({@link PipelinedReads}).
     */
    public Uni<RowSet<Row>> queryAlone(String sql, Tuple args) {
        statements.incrementAndGet();
        return pool.preparedQuery(sql).execute(args);
    }

    /** Statements on one connection in one transaction: committed when the Uni succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(java.util.function.Function<io.vertx.mutiny.sqlclient.SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> {
            statements.incrementAndGet();
            return work.apply(conn);
        });
    }

    /** How many statements this instance has sent since it started. */
    public long statementCount() {
        return statements.get();
    }
}
