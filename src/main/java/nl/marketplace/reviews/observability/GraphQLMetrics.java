package nl.marketplace.reviews.observability;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;
import nl.marketplace.reviews.graphql.ParserLimits;

/**
 * GraphQL requests per operation name: a timer {@code graphql.requests} tagged with the operation
 * name and whether it failed. Names come from clients, so only well-formed names count, and at most
 * {@value #MAX_NAMES} of them; the rest are "other" (a metric must not grow without bound).
 *
 * <p>A SmallRye {@link EventingService} (META-INF/services), not CDI events: with
 * quarkus.smallrye-graphql.events.enabled SmallRye fires CDI events for every field it fetches,
 * which took 13% of the dashboard page's CPU (JFR). Enabled by {@code reviews.graphql-metrics.enabled}.
 */
public class GraphQLMetrics implements EventingService {

    static final int MAX_NAMES = 200;
    /**
     * Histogram buckets (graphql_requests_seconds_bucket) for the p99 alert and panels of
     * k8s/monitoring: few, so that 200 names × 2 outcomes stay a few thousand series.
     */
    private static final Duration[] BUCKETS = { Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5) };
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    /** The implied operation name of the documents clients send again and again (parsed once each). */
    private final Cache<String, Optional<String>> implied = Caffeine.newBuilder().maximumSize(1_000).build();

    @Override
    public String getConfigKey() {
        return "reviews.graphql-metrics.enabled";
    }

    @Override
    public void beforeExecute(Context context) {
        started.put(context.getExecutionId(), System.nanoTime());
    }

    @Override
    public void errorExecute(Context context, Throwable failure) {
        failed.add(context.getExecutionId());
    }

    @Override
    public void afterExecute(Context context) {
        Long start = started.remove(context.getExecutionId());
        boolean error = failed.remove(context.getExecutionId());
        if (start == null) {
            return;
        }
        String operation = operation(context.getOperationName().orElseGet(() -> implied.get(context.getQuery(), GraphQLMetrics::impliedName)
                .orElse(null)));
        // One lookup per request instead of a builder and a registry lookup; the names are bounded (MAX_NAMES).
        timers.computeIfAbsent(operation + (error ? "\u0000error" : "\u0000ok"), ignored -> Timer.builder("graphql.requests")
                .description("GraphQL requests by operation name").tag("operation", operation).tag("outcome", error ? "error" : "ok")
                .serviceLevelObjectives(BUCKETS).register(Metrics.globalRegistry)).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /**
     * A document's first named operation: clients often send one named operation without
     * operationName. Parsed, not matched with a pattern, so that fragments before it, comments and
     * strings do not mislead it; once per distinct document (the cache of the caller).
     */
    static Optional<String> impliedName(String query) {
        if (query == null) {
            return Optional.empty();
        }
        try {
            return ParserLimits.parse(query).getDefinitionsOfType(OperationDefinition.class).stream().map(OperationDefinition::getName)
                    .filter(java.util.Objects::nonNull).findFirst();
        } catch (InvalidSyntaxException e) {
            return Optional.empty();
        }
    }

    private String operation(String name) {
        if (name == null) {
            return "anonymous";
        }
        if (!NAME.matcher(name).matches()) {
            return "other";
        }
        if (names.contains(name) || (names.size() < MAX_NAMES && names.add(name))) {
            return name;
        }
        return "other";
    }
}
