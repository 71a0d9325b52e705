package nl.marketplace.reviews.support;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for something that happens in the background (a job, a socket, a log line). */
public final class Eventually {

    private static final long POLL_MILLIS = 50;

    private Eventually() {
    }

    /** Waits until the condition holds; fails, naming what was awaited, after the timeout. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** The same, and the failure also says what was last seen. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> lastSeen) {
        try {
            until(what, timeout, condition);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; " + lastSeen.get(), e);
        }
    }

    /** Waits until the supplier gives a value and returns it; fails after the timeout. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> supplier) {
        long until = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> found = supplier.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what, e);
            }
        }
    }
}
