package nl.marketplace.reviews.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Batches the loads of one GraphQL request that happen in the same event-loop turn into one call,
 * with the field's arguments as part of the key.
 *
 * <p>Why not {@code @Source List<…>} for these fields: SmallRye's batch loader is keyed by the
 * source object alone and passes the arguments of the first key to the whole batch, so two
 * aliases of one field with different arguments on the same parent (for example
 * {@code now: score} and {@code before: score(asOf: …)}) would get one answer. Fields without
 * arguments keep using {@code @Source List<…>}.
 *
 * <p>State lives in the request's own (duplicated) Vert.x context, so requests never share a batch.
 */
public final class Batcher<K, V> {

    private final String name;
    private final Function<List<K>, Uni<Map<K, V>>> loadAll;

    /**
     * @param name unique per batcher: the context-local key of its pending loads
     * @param loadAll loads many keys at once; keys missing from its answer resolve to null
     */
    public Batcher(String name, Function<List<K>, Uni<Map<K, V>>> loadAll) {
        this.name = "batcher:" + name;
        this.loadAll = loadAll;
    }

    /**
     * A {@code loadAll} for keys that carry arguments: one load per distinct argument set (its
     * group), for all the members of that group (what the load needs of each key), in their order;
     * the results are merged by key.
     */
    public static <K, G, M, V> Uni<Map<K, V>> perGroup(List<K> keys, Function<K, G> groupOf, Function<K, M> memberOf,
            BiFunction<G, List<M>, Uni<List<V>>> load) {
        Map<G, List<K>> groups = new LinkedHashMap<>();
        keys.forEach(key -> groups.computeIfAbsent(groupOf.apply(key), g -> new ArrayList<>()).add(key));
        List<Uni<Map<K, V>>> loads = new ArrayList<>();
        groups.forEach((group, members) -> loads.add(load.apply(group, members.stream().map(memberOf).toList()).map(values -> {
            Map<K, V> byKey = new HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                byKey.put(members.get(i), values.get(i));
            }
            return byKey;
        })));
        return Uni.join().all(loads).andFailFast().map(maps -> {
            Map<K, V> all = new HashMap<>();
            maps.forEach(all::putAll);
            return all;
        });
    }

    public Uni<V> load(K key) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null) {
                return loadAll.apply(List.of(key)).map(found -> found.get(key));
            }
            Map<K, CompletableFuture<V>> pending = context.getLocal(name);
            if (pending == null) {
                pending = new LinkedHashMap<>();
                context.putLocal(name, pending);
                context.runOnContext(ignored -> flush(context));
            }
            return Uni.createFrom().completionStage(pending.computeIfAbsent(key, k -> new CompletableFuture<>()));
        });
    }

    private void flush(Context context) {
        Map<K, CompletableFuture<V>> pending = context.getLocal(name);
        context.removeLocal(name);
        Uni<Map<K, V>> loaded;
        try {
            loaded = loadAll.apply(new ArrayList<>(pending.keySet()));
        } catch (RuntimeException e) {
            loaded = Uni.createFrom().failure(e);
        }
        loaded.subscribe().with(
                found -> pending.forEach((key, future) -> future.complete(found.get(key))),
                failure -> pending.values().forEach(future -> future.completeExceptionally(failure)));
    }
}
