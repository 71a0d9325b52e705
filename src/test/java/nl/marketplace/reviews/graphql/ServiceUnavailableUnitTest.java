package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

import org.junit.jupiter.api.Test;

/** Which failures mean "the database is away" (SERVICE_UNAVAILABLE), not a bug (INTERNAL_SERVER_ERROR). */
class ServiceUnavailableUnitTest {

    @Test
    void aLostConnectionIsTheDatabaseBeingAway() {
        assertTrue(ServiceUnavailable.isCause(new SocketException("Connection reset")));
        assertTrue(ServiceUnavailable.isCause(new IllegalStateException("wrapped", new SocketException("Broken pipe"))));
        assertTrue(ServiceUnavailable.isCause(new ClosedChannelException()));
        assertTrue(ServiceUnavailable.isCause(new ConnectException("Connection refused")));
        assertTrue(ServiceUnavailable.connectFailed(new ConnectException("Connection refused")));
        assertFalse(ServiceUnavailable.connectFailed(new SocketException("Connection reset")), "a reset may come after the statement was sent");
    }

    /** As DatabaseRestartIT once saw it from a transaction of Hibernate Reactive: the SQL client's own words, wrapped twice. */
    @Test
    void aStatementOnAConnectionThatClosedIsTheDatabaseBeingAway() {
        Throwable closed = new io.vertx.core.impl.NoStackTraceThrowable("Connection is not active now, current status: CLOSED");
        io.smallrye.mutiny.CompositeException failure = new io.smallrye.mutiny.CompositeException(
                new IllegalStateException("io.vertx.core.impl.NoStackTraceThrowable: " + closed.getMessage(), closed), closed);
        assertTrue(ServiceUnavailable.isCause(failure));
        assertFalse(ServiceUnavailable.connectFailed(failure), "the statement may have been sent");
        assertFalse(ServiceUnavailable.isCause(new io.vertx.core.impl.NoStackTraceThrowable("Pool closed")), "only that message");
    }

    @Test
    void aBugIsNot() {
        assertFalse(ServiceUnavailable.isCause(new IllegalStateException("relation \"reply\" does not exist")));
        assertFalse(ServiceUnavailable.isCause(new NullPointerException()));
    }
}
