package nl.marketplace.reviews.event;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.GraphQLException;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/**
 * Ends a subscription with an error the client can switch on: the last message it gets is a
 * {@code next} with {@code data.reviewEvents = null} and this error (with {@code extensions.code}),
 * then {@code complete}.
 *
 * <p>Why this shape: SmallRye GraphQL 2.17 turns a failed subscription stream into one last item
 * with the error, but only a {@link GraphQLException} gets null data there (any other exception
 * repeats the previous event); and a non-null element type turns that null into a graphql-java
 * failure that SmallRye's WebSocket handler only prints, leaving the socket silent
 * (AbstractGraphQLWebsocketHandler.SubscriptionSubscriber.onError). Hence the nullable
 * {@code ReviewEvent} of the subscription. The code comes from {@link #getExtensions()}, which
 * graphql-java copies into the error. ReviewEventsTest trips when an upgrade changes this.
 *
 * <p>A workaround for a framework limit: docs/upstream/subscription-failure.md (what, upstream, tripwire).
 */
public class SubscriptionEnded extends GraphQLException implements GraphQLError {

    /** Why a subscription ended. */
    public enum Code {
        /** The client did not keep up: subscribe again with after: the last cursor it got. */
        SUBSCRIPTION_OVERFLOW,
        /** The events after the cursor are no longer kept (or too many): refetch, then subscribe without after. */
        CURSOR_EXPIRED,
        /** The sign-in token expired: subscribe again with a new one. */
        UNAUTHENTICATED,
        /** The database could not be reached: subscribe again with after: the last cursor, in a moment. */
        SERVICE_UNAVAILABLE,
        /** Anything else (logged): subscribe again with after: the last cursor. */
        INTERNAL_SERVER_ERROR
    }

    private final Code code;

    public SubscriptionEnded(Code code, String message) {
        super(message);
        this.code = code;
    }

    public Code code() {
        return code;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code.name());
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }
}
