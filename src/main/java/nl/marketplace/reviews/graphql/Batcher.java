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
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Batches the loads of one GraphQL request that happen in the same event-loop turn into one call,
 * with the field's arguments as part of the key.
 *
 * <p>Why not {@code @Source List<…>}: SmallRye's batch loader is keyed by the source object alone
 * and passes the arguments of the first key to the whole batch, so two aliases of one field with
 * different arguments on the same parent (for example {@code now: score} and
 * {@code before: score(asOf: …)}) would get one answer; and for fields without arguments its
 * resolver call builds a selection-set JSON per call (a fifth of the review detail's CPU, JFR).
 * Since issue 22 no field uses {@code @Source List<…>}, so SmallRye registers no data loaders and
 * graphql-java does not dispatch them after every field.
 *
 * <p>State lives in the request's own (duplicated) Vert.x context, so requests never share a batch.
 *
 * <p>Why not java-dataloader's per-request {@code DataLoaderRegistry} (tried on 2026-12-03, issue
 * 14): resolvers reach it only through SmallRye's current context,
 * {@code SmallRyeContextManager.getCurrentSmallRyeContext().getDataFetchingEnvironment()}. With it,
 * the statement counts of {@code StatementCountTest} and the answers of {@code ConcurrencyTest},
 * {@code ReviewQueryTest} and {@code PartnerScoreTest} were the same, because every load today is
 * made synchronously in its resolver. But that current context is an {@code InheritableThreadLocal}
 * of the event-loop thread, which all requests share (SmallRye GraphQL 2.17). A load made after an
 * asynchronous step would join whichever request ran last on that thread, and if that request had
 * finished, nobody would dispatch it: the field would never answer. The request's Vert.x context,
 * which this class uses, cannot belong to another request.
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
        groups.forEach((group, members) -> loads.add(
                inOrder((List<K> inGroup) -> load.apply(group, inGroup.stream().map(memberOf).toList())).apply(members)));
        return Uni.join().all(loads).andFailFast().map(maps -> {
            Map<K, V> all = new HashMap<>();
            maps.forEach(all::putAll);
            return all;
        });
    }

    /** A {@code loadAll} from a load that answers in the order of its keys (null for a key it has no value for). */
    public static <K, V> Function<List<K>, Uni<Map<K, V>>> inOrder(Function<List<K>, Uni<List<V>>> load) {
        return keys -> load.apply(keys).map(values -> {
            Map<K, V> byKey = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                byKey.put(keys.get(i), values.get(i));
            }
            return byKey;
        });
    }

    public Uni<V> load(K key) {
        return Uni.createFrom().deferred(() -> {
            Context context = Vertx.currentContext();
            if (context == null || !VertxContext.isDuplicatedContext(context)) {
                // No request of its own to batch in (a subscription's event is resolved on the event loop's
                // root context, whose locals Vert.x forbids: they would be shared by every stream on it).
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
