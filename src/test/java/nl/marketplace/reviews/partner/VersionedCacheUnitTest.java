package nl.marketplace.reviews.partner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

/**
 * The figures cache: kept under the version the figure was computed at, whichever source computed
 * it, and computed once however many requests miss it at the same moment.
 */
class VersionedCacheUnitTest {

    /** A partner as a request read it: its key and the score version its row showed. */
    private record Asked(long partner, long version) {
    }

    private static Map<Asked, String> get(VersionedCache<Long, String> cache, List<Asked> items,
            java.util.function.Function<List<Asked>, Uni<Map<Asked, VersionedCache.Computed<String>>>> load) {
        return cache.getOrLoad(items, new HashMap<>(), Asked::partner, Asked::version, load).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aFigureComputedOnAReplicaBehindIsKeptUnderTheVersionTheReplicaRead() {
        VersionedCache<Long, String> cache = new VersionedCache<>("test-replica-behind", 100);
        AtomicInteger loads = new AtomicInteger();
        // The request read version 7 from the partner row; the replica that computed the figure had replayed version 6 only.
        Map<Asked, String> first = get(cache, List.of(new Asked(1, 7)), missing -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(Map.of(missing.get(0), new VersionedCache.Computed<>("figure at 6", 6)));
        });
        assertEquals("figure at 6", first.get(new Asked(1, 7)), "this request gets what was computed (a little behind)");
        assertNull(cache.get(1L, 7), "but it is not filed under 7: a reader of version 7 must get a figure of 7");
        assertEquals("figure at 6", cache.get(1L, 6), "it is a figure of version 6");
        // The next reader of 7 computes it again, on a source that has 7.
        Map<Asked, String> second = get(cache, List.of(new Asked(1, 7)), missing -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(Map.of(missing.get(0), new VersionedCache.Computed<>("figure at 7", 7)));
        });
        assertEquals("figure at 7", second.get(new Asked(1, 7)));
        assertEquals("figure at 7", cache.get(1L, 7));
        assertEquals(2, loads.get());
        // A source ahead of the partner row (a change in between): filed under the newer version, never the older.
        get(cache, List.of(new Asked(2, 3)), missing -> Uni.createFrom().item(Map.of(missing.get(0), new VersionedCache.Computed<>("figure at 4", 4))));
        assertNull(cache.get(2L, 3));
        assertEquals("figure at 4", cache.get(2L, 4));
        // A partner that is gone (-1) is not kept at all.
        get(cache, List.of(new Asked(3, 1)), missing -> Uni.createFrom().item(Map.of(missing.get(0), new VersionedCache.Computed<>("none", -1))));
        assertNull(cache.get(3L, 1));
        assertNull(cache.get(3L, -1));
    }

    @Test
    void fiftyConcurrentMissesOfOnePartnerComputeItOnce() throws Exception {
        VersionedCache<Long, String> cache = new VersionedCache<>("test-single-flight", 100);
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<CompletableFuture<Map<Asked, String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(cache.getOrLoad(List.of(new Asked(9, 1)), new HashMap<>(), Asked::partner, Asked::version, missing -> {
                loads.incrementAndGet();
                // Still computing while the others ask.
                return Uni.createFrom().completionStage(release.thenApply(ignored -> Map.of(missing.get(0),
                        new VersionedCache.Computed<>("figure", 1))));
            }).subscribeAsCompletionStage());
        }
        release.complete(null);
        for (CompletableFuture<Map<Asked, String>> answer : answers) {
            assertEquals("figure", answer.get().get(new Asked(9, 1)));
        }
        assertEquals(1, loads.get(), "one computation for 50 concurrent misses");
    }

    @Test
    void aRequestWaitingOnAnotherRequestsLoadAtAnotherVersionComputesItsOwn() throws Exception {
        VersionedCache<Long, String> cache = new VersionedCache<>("test-waiter", 100);
        CompletableFuture<Void> release = new CompletableFuture<>();
        AtomicInteger loads = new AtomicInteger();
        // The first request's source was behind (computed 4 for an asked 5); the second asked 5 too and waited on it.
        java.util.function.Function<List<Asked>, Uni<Map<Asked, VersionedCache.Computed<String>>>> behind = missing -> {
            loads.incrementAndGet();
            return Uni.createFrom().completionStage(release.thenApply(ignored -> Map.of(missing.get(0), new VersionedCache.Computed<>("at 4", 4))));
        };
        CompletableFuture<Map<Asked, String>> first = cache.getOrLoad(List.of(new Asked(5, 5)), new HashMap<>(), Asked::partner,
                Asked::version, behind).subscribeAsCompletionStage();
        CompletableFuture<Map<Asked, String>> second = cache.getOrLoad(List.of(new Asked(5, 5)), new HashMap<>(), Asked::partner,
                Asked::version, missing -> {
                    loads.incrementAndGet();
                    return Uni.createFrom().item(Map.of(missing.get(0), new VersionedCache.Computed<>("at 5", 5)));
                }).subscribeAsCompletionStage();
        release.complete(null);
        assertEquals("at 4", first.get().get(new Asked(5, 5)));
        assertEquals("at 5", second.get().get(new Asked(5, 5)), "the waiter got no figure from the shared load: it computed its own");
        assertEquals(2, loads.get());
    }
}
