package nl.marketplace.reviews.graphql;

import java.time.OffsetDateTime;

/** Bounds shared by the arguments of every API class. */
public final class Arguments {

    public static final int DEFAULT_FIRST = 20;
    public static final int MAX_FIRST = 100;
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;

    private Arguments() {
    }

    /** {@code first} as given, or the default; BAD_USER_INPUT when outside 1..100. */
    public static int first(Integer first) {
        if (first == null) {
            return DEFAULT_FIRST;
        }
        if (first < 1 || first > MAX_FIRST) {
            throw new BadUserInputException("first", "must be between 1 and " + MAX_FIRST + ", was " + first);
        }
        return first;
    }

    /** A moment as given (null stays null); BAD_USER_INPUT when outside the years 2000-2100. */
    public static OffsetDateTime moment(OffsetDateTime value, String argument) {
        if (value != null && (value.getYear() < FIRST_YEAR || value.getYear() > LAST_YEAR)) {
            throw new BadUserInputException(argument, "must be in the years " + FIRST_YEAR + " to " + LAST_YEAR);
        }
        return value;
    }
}
