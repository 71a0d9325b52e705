package nl.marketplace.reviews.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import io.smallrye.mutiny.Uni;

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

    /**
     * The values of {@code items}, put into {@code known}: those computed before at the version each
     * item read from its partner row, and the others from {@code load}, called once with only the
     * missing items, whose answers are kept. An item whose cache key is null is always loaded and
     * never kept (a figure the version does not cover).
     */
    public <T> Uni<Map<T, V>> getOrLoad(List<T> items, Map<T, V> known, Function<T, K> cacheKey, ToLongFunction<T> version,
            Function<List<T>, Uni<Map<T, V>>> load) {
        List<T> missing = new ArrayList<>();
        for (T item : items) {
            K key = cacheKey.apply(item);
            V value = key == null ? null : get(key, version.applyAsLong(item));
            if (value == null) {
                missing.add(item);
            } else {
                known.put(item, value);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(known);
        }
        return load.apply(missing).map(loaded -> {
            loaded.forEach((item, value) -> {
                K key = cacheKey.apply(item);
                if (key != null) {
                    put(key, version.applyAsLong(item), value);
                }
                known.put(item, value);
            });
            return known;
        });
    }
}
