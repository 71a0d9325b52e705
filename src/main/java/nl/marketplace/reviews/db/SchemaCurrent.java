package nl.marketplace.reviews.db;

/**
 * Fired once per process, when the database's schema is first found at the version this release
 * needs: at start (dev mode and the tests migrate before it), or later, when the migration Job has
 * run. Start-up work that writes to the database observes this instead of StartupEvent, so that a
 * pod that starts before its release's migration waits unready instead of failing.
 */
public record SchemaCurrent(String version) {
}
