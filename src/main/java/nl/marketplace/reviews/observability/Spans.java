package nl.marketplace.reviews.observability;

import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;

/**
 * A span around asynchronous work that is not a bean method (where @WithSpan would do): beneath the
 * current span, ended when the work's Uni ends, failed with its exception. A no-op when tracing is off.
 */
public final class Spans {

    private Spans() {
    }

    public static <T> Uni<T> around(Tracer tracer, String name, SpanKind kind, Supplier<Uni<T>> work) {
        Span span = tracer.spanBuilder(name).setSpanKind(kind).startSpan();
        return work.get().onTermination().invoke((item, failure, cancelled) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        });
    }
}
