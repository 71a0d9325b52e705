package nl.marketplace.reviews.graphql;

import java.util.List;

/** What a mutation's service returns: the result, or the user errors that refused the input. */
public record Outcome<T>(T value, List<UserError> userErrors) {

    public static <T> Outcome<T> ok(T value) {
        return new Outcome<>(value, List.of());
    }

    public static <T> Outcome<T> refused(UserErrorCode code, String message, String... field) {
        return new Outcome<>(null, List.of(UserError.of(code, message, field)));
    }

    /** The refusal of a mutation whose input.reviewId names no review. */
    public static <T> Outcome<T> reviewNotFound() {
        return refused(UserErrorCode.NOT_FOUND, "No review with this id", "input", "reviewId");
    }

    public boolean isOk() {
        return userErrors.isEmpty();
    }
}
