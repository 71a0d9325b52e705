package nl.marketplace.reviews.observability;

import java.util.Locale;
import java.util.Map;

import graphql.language.OperationDefinition;
import io.opentelemetry.api.trace.Span;

/**
 * Puts a GraphQL request's operation on its HTTP server span, as the attributes graphql.operation.type
 * and graphql.operation.name (OpenTelemetry's semantic conventions for GraphQL servers), so that a
 * trace of a slow dashboard request says which operation it was; {@link OperationSpanNames} names the
 * span after them ("query ReviewPage"). From the operations the edge found when it parsed the
 * document (http.DocumentCheck), not from the text again. Costs nothing when tracing is off (the
 * span does not record).
 */
public final class RequestSpans {

    private RequestSpans() {
    }

    /**
     * @param operations the document's operations by name ("" for an anonymous one) and kind
     * @param operationName the request's operationName, or null for the document's one operation
     */
    public static void name(Map<String, OperationDefinition.Operation> operations, String operationName) {
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        String name = operationName;
        OperationDefinition.Operation kind = null;
        if (operationName != null) {
            kind = operations.get(operationName);
        } else if (operations.size() == 1) {
            Map.Entry<String, OperationDefinition.Operation> only = operations.entrySet().iterator().next();
            name = only.getKey().isEmpty() ? null : only.getKey();
            kind = only.getValue();
        }
        if (kind == null) {
            return; // an operation the document does not have, or none named among several: validation answers it
        }
        span.setAttribute(OperationSpanNames.TYPE, kind.name().toLowerCase(Locale.ROOT));
        if (name != null) {
            span.setAttribute(OperationSpanNames.NAME, name);
        }
    }
}
