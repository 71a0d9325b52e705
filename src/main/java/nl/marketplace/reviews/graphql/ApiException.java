package nl.marketplace.reviews.graphql;

/**
 * An expected failure that a client may see: its message is shown and its {@code @ErrorCode}
 * becomes {@code extensions.code}. Any other exception is reported as "System error" with no
 * details, so that no stack trace, class name or SQL reaches a client.
 */
public abstract class ApiException extends RuntimeException {

    protected ApiException(String message) {
        super(message, null, false, false);
    }
}
