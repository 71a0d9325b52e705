package nl.marketplace.reviews.observability;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import nl.marketplace.reviews.graphql.ApiErrorCode;

/**
 * GraphQL errors answered, by {@code extensions.code}: the counter {@code graphql.errors} with a tag
 * {@code code} (the API's codes, "other" for anything else), for the error-rate alert of
 * k8s/monitoring. Every code is registered at start, at 0, so that a rule about one finds its series
 * before the first such error: the bean is created at start, which loads the class and its counters.
 */
@Startup
@Singleton
public class ErrorCodeMetrics {

    private static final Map<ApiErrorCode, Counter> BY_CODE = new EnumMap<>(ApiErrorCode.class);
    private static final Counter OTHER = counter("other");

    static {
        for (ApiErrorCode code : ApiErrorCode.values()) {
            BY_CODE.put(code, counter(code.name()));
        }
    }

    ErrorCodeMetrics() {
    }

    /** One error answered with this code (a name of ApiErrorCode, or anything else: "other"). */
    public static void count(Object code) {
        Counter counter = null;
        if (code instanceof ApiErrorCode known) {
            counter = BY_CODE.get(known);
        } else if (code instanceof String name) {
            try {
                counter = BY_CODE.get(ApiErrorCode.valueOf(name));
            } catch (IllegalArgumentException e) {
                counter = null;
            }
        }
        (counter == null ? OTHER : counter).increment();
    }

    private static Counter counter(String code) {
        return Counter.builder("graphql.errors").description("GraphQL errors answered, by extensions.code").tag("code", code)
                .register(Metrics.globalRegistry);
    }
}
