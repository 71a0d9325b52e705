package nl.marketplace.reviews.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.internal.ExtendedSpanProcessor;

/**
 * Names a GraphQL request's HTTP server span after its operation ("query ReviewPage") as it ends.
 * {@link RequestSpans} puts the operation on the span as attributes; naming it there does not last,
 * because Quarkus' HTTP instrumentation names the span after its route ("POST /graphql") when the
 * response ends. This span processor (Quarkus adds SpanProcessor beans to the SDK) renames it in
 * onEnding, after that and before the span is exported. onEnding is the SDK's ExtendedSpanProcessor,
 * an internal interface of opentelemetry-sdk-trace 1.57; TracesTest fails if a later SDK drops it.
 */
@ApplicationScoped
public class OperationSpanNames implements ExtendedSpanProcessor {

    static final AttributeKey<String> TYPE = AttributeKey.stringKey("graphql.operation.type");
    static final AttributeKey<String> NAME = AttributeKey.stringKey("graphql.operation.name");

    @Override
    public void onEnding(ReadWriteSpan span) {
        String type = span.getKind() == SpanKind.SERVER ? span.getAttribute(TYPE) : null;
        if (type != null) {
            String name = span.getAttribute(NAME);
            span.updateName(name == null ? type : type + " " + name);
        }
    }

    @Override
    public boolean isOnEndingRequired() {
        return true;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
