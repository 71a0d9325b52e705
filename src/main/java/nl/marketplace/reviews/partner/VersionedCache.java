package nl.marketplace.reviews.partner;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Figures computed from a partner's reviews (scores, monthly figures, counts), kept with the
 * {@link Partner#scoreVersion()} they were computed at and served again only to a reader that
 * read the same version from the partner row. Every instance reads the version from the database
 * in the request, so there is nothing to invalidate and no notice to wait for.
 *
 * <p>Bounded: when full it starts over, which costs one computation per partner, never a wrong answer.
 */
public final class VersionedCache<K, V> {

    private record Stamped<V>(long version, V value) {
    }

    private final ConcurrentHashMap<K, Stamped<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;

    public VersionedCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The value computed at this version, or null. */
    public V get(K key, long version) {
        Stamped<V> stamped = entries.get(key);
        return stamped != null && stamped.version() == version ? stamped.value() : null;
    }

    /**
     * Keeps a value computed after the partner row showed {@code version}: it may reflect a newer
     * state, never an older one, because it was computed after that read.
     */
    public void put(K key, long version, V value) {
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.merge(key, new Stamped<>(version, value), (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }
}
