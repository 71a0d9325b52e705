package nl.marketplace.reviews.graphql;

import io.smallrye.graphql.api.ErrorCode;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The database cannot be reached right now (restarting, failing over, refusing connections): the
 * request changed nothing it reported, and the client may try again in a moment.
 */
@ErrorCode("SERVICE_UNAVAILABLE")
public class ServiceUnavailable extends ApiException {

    public ServiceUnavailable() {
        super("The service cannot reach its database right now; try again in a few seconds");
    }

    /** Whether a failure says that the database was unreachable (connection refused, lost, or shutting down). */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof ClosedConnectionException
                    || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
            // Class 08: connection exceptions; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getName();
            if (name.endsWith("ConnectException") || name.endsWith("ConnectTimeoutException")) {
                return true; // Netty's and Vert.x' own connect failures
            }
        }
        return false;
    }
}
