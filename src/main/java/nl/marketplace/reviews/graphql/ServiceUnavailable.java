package nl.marketplace.reviews.graphql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.smallrye.graphql.api.ErrorCode;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The database could not be reached: no connection could be made, so the request changed nothing,
 * and the client may try again in a moment (a restart, a failover).
 */
@ErrorCode("SERVICE_UNAVAILABLE")
public class ServiceUnavailable extends ApiException {

    public ServiceUnavailable() {
        super("The service cannot reach its database right now; nothing was changed. Try again in a few seconds");
    }

    /** The start of vertx-sql-client's message (SocketConnectionBase) for a command on a closed connection. */
    static final String CONNECTION_NOT_ACTIVE = "Connection is not active now";

    /** Whether the database was unreachable: a connection refused or lost, or the server shutting down or starting. */
    public static boolean isCause(Throwable failure) {
        return connectFailed(failure) || anyCause(failure, t -> t instanceof ClosedConnectionException
                || t instanceof java.nio.channels.ClosedChannelException
                // "Connection reset", "Broken pipe": the server went away under a statement (DatabaseRestartIT saw it once).
                || t instanceof java.net.SocketException
                // The SQL client refusing a statement on a connection that closed under it, as a transaction's next
                // statement after the server went away (DatabaseRestartIT saw it once): an untyped Vert.x failure,
                // known by its message only.
                || (t instanceof io.vertx.core.impl.NoStackTraceThrowable && t.getMessage() != null
                        && t.getMessage().startsWith(CONNECTION_NOT_ACTIVE))
                // Class 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
                || (t instanceof PgException pg && pg.getSqlState() != null
                        && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))));
    }

    /** Whether no connection could be made at all (so nothing was sent to the database). */
    public static boolean connectFailed(Throwable failure) {
        return anyCause(failure, t -> t instanceof java.net.ConnectException
                || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")
                || (t instanceof PgException pg && "57P03".equals(pg.getSqlState())));
    }

    private static boolean anyCause(Throwable failure, java.util.function.Predicate<Throwable> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (seen.add(suppressed) && test.test(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
