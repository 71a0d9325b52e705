package nl.marketplace.reviews.partner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Figures computed from a partner's reviews (scores, monthly figures, counts), kept with the
 * {@link Partner#scoreVersion()} they were computed at and served again only to a reader that read
 * the same version from the partner row. Every instance reads the version from the database in the
 * request (from the primary or a replica), so there is nothing to invalidate and no notice to wait
 * for: a figure computed after a read of version v reflects v or a newer state, never an older one,
 * whichever server computed it.
 *
 * <p>A bounded Caffeine cache keyed by (key, version): older versions age out with the size bound,
 * Caffeine's admission (W-TinyLFU) keeps a scan of rarely asked keys from flushing the popular ones,
 * and concurrent misses of one key, from any number of requests, compute it once (single flight).
 * Its size, hits and misses are metrics ({@code cache_*{cache="…"}}).
 */
public final class VersionedCache<K, V> {

    private record Versioned<K>(K key, long version) {
    }

    /**
     * A figure and the score version its statement read beside the data (-1: the partner does not
     * exist). It is kept under that version, not the one the request read before: a replica behind
     * the partner row's source, or a change in between, would otherwise file an older figure under a
     * newer version.
     */
    public record Computed<V>(V value, long version) {
    }

    private final AsyncCache<Versioned<K>, V> entries;

    public VersionedCache(String name, long maxEntries) {
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).recordStats().buildAsync();
        CaffeineCacheMetrics.monitor(Metrics.globalRegistry, entries, name);
    }

    /** The value computed at this version, if it is here and done. */
    public V get(K key, long version) {
        CompletableFuture<V> found = entries.getIfPresent(new Versioned<>(key, version));
        return found != null && found.isDone() && !found.isCompletedExceptionally() ? found.join() : null;
    }

    /**
     * The values of {@code items}, put into {@code known}: those computed before at the version each
     * item read from its partner row, those another request is computing now (waited for, not
     * computed again), and the others from {@code load}, called once with only the missing items. A
     * loaded figure is kept under the version it was computed at ({@link Computed}); this request
     * gets it either way. An item whose cache key is null is always loaded and never kept (a figure
     * the version does not cover). The answer arrives on the caller's Vert.x context, whoever
     * computed it.
     */
    public <T> Uni<Map<T, V>> getOrLoad(List<T> items, Map<T, V> known, Function<T, K> cacheKey, ToLongFunction<T> version,
            Function<List<T>, Uni<Map<T, Computed<V>>>> load) {
        Map<Versioned<K>, List<T>> byKey = new LinkedHashMap<>();
        List<T> uncached = new ArrayList<>();
        for (T item : items) {
            K key = cacheKey.apply(item);
            if (key == null) {
                uncached.add(item);
            } else {
                byKey.computeIfAbsent(new Versioned<>(key, version.applyAsLong(item)), k -> new ArrayList<>()).add(item);
            }
        }
        Map<Versioned<K>, V> done = uncached.isEmpty() ? allDone(byKey.keySet()) : null;
        if (done != null) {
            byKey.forEach((key, its) -> its.forEach(item -> known.put(item, done.get(key))));
            done.keySet().forEach(entries::getIfPresent); // counted as hits
            return Uni.createFrom().item(known);
        }
        // Figures computed at another version than asked: this request's, kept under their own version.
        Map<Versioned<K>, V> atOtherVersions = new java.util.concurrent.ConcurrentHashMap<>();
        CompletableFuture<Map<Versioned<K>, V>> cached = byKey.isEmpty() ? CompletableFuture.completedFuture(Map.of())
                : entries.getAll(byKey.keySet(), (Set<? extends Versioned<K>> missing, Executor executor) -> {
                    List<T> toLoad = new ArrayList<>();
                    missing.forEach(key -> toLoad.add(byKey.get(key).get(0)));
                    return load.apply(toLoad).map(loaded -> {
                        Map<Versioned<K>, V> byVersioned = new HashMap<>();
                        loaded.forEach((item, computed) -> {
                            Versioned<K> asked = new Versioned<>(cacheKey.apply(item), version.applyAsLong(item));
                            Versioned<K> at = new Versioned<>(asked.key(), computed.version());
                            if (at.equals(asked)) {
                                byVersioned.put(asked, computed.value());
                            } else {
                                // Not under the version asked (Caffeine drops a key the loader leaves out).
                                atOtherVersions.put(asked, computed.value());
                                if (computed.version() >= 0) {
                                    entries.synchronous().put(at, computed.value());
                                }
                            }
                        });
                        return byVersioned;
                    }).subscribeAsCompletionStage();
                });
        Uni<Map<T, V>> direct = uncached.isEmpty() ? Uni.createFrom().item(Map.of())
                : load.apply(uncached).map(loaded -> {
                    Map<T, V> values = new HashMap<>();
                    loaded.forEach((item, computed) -> values.put(item, computed.value()));
                    return values;
                });
        Context context = Vertx.currentContext();
        Uni<Map<Versioned<K>, V>> fromCache = Uni.createFrom().completionStage(cached);
        if (context != null) {
            // A load another request started completes on that request's context: come back to ours.
            fromCache = fromCache.emitOn(command -> context.runOnContext(ignored -> command.run()));
        }
        return Uni.combine().all().unis(fromCache, direct).asTuple().chain(both -> {
            List<T> unanswered = new ArrayList<>();
            byKey.forEach((key, its) -> {
                V value = both.getItem1().get(key);
                V computedHere = value != null ? value : atOtherVersions.get(key);
                if (computedHere == null) {
                    // Another request's load, computed at another version than this one asked for: compute ours.
                    unanswered.addAll(its);
                } else {
                    its.forEach(item -> known.put(item, computedHere));
                }
            });
            known.putAll(both.getItem2());
            if (unanswered.isEmpty()) {
                return Uni.createFrom().item(known);
            }
            return load.apply(unanswered).map(loaded -> {
                loaded.forEach((item, computed) -> known.put(item, computed.value()));
                return known;
            });
        });
    }

    /**
     * The values of all these keys when every one is computed already, else null: taken in one pass,
     * so an eviction between a check and a read cannot lose one. Looked up without counting: the hits
     * are counted when served, the misses by getAll.
     */
    private Map<Versioned<K>, V> allDone(Set<Versioned<K>> keys) {
        Map<Versioned<K>, V> values = new HashMap<>();
        for (Versioned<K> key : keys) {
            CompletableFuture<V> found = entries.asMap().get(key);
            if (found == null || !found.isDone() || found.isCompletedExceptionally()) {
                return null;
            }
            values.put(key, found.join());
        }
        return values;
    }
}
