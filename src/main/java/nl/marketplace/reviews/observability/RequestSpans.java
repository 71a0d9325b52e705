package nl.marketplace.reviews.observability;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opentelemetry.api.trace.Span;

/**
 * Puts a GraphQL request's operation on its HTTP server span, as the attributes graphql.operation.type
 * and graphql.operation.name (OpenTelemetry's semantic conventions for GraphQL servers), so that a
 * trace of a slow dashboard request says which operation it was; {@link OperationSpanNames} names the
 * span after them ("query ReviewPage"). Costs nothing when tracing is off (the span does not record).
 */
public final class RequestSpans {

    private static final Pattern COMMENTS = Pattern.compile("#[^\n]*");
    private static final Pattern OPERATION = Pattern.compile("\\b(query|mutation|subscription)\\s*([A-Za-z_][A-Za-z0-9_]*)?");

    private RequestSpans() {
    }

    /** @param operationName the request's operationName, or null for the document's one operation */
    public static void name(String document, String operationName) {
        Span span = Span.current();
        if (!span.isRecording() || document == null) {
            return;
        }
        String text = COMMENTS.matcher(document).replaceAll("");
        String type = "query"; // a document of one selection set ("{ … }") is a query
        String name = operationName;
        Matcher m = OPERATION.matcher(text);
        while (m.find()) {
            if (operationName == null || operationName.equals(m.group(2))) {
                type = m.group(1);
                name = m.group(2);
                break;
            }
        }
        span.setAttribute(OperationSpanNames.TYPE, type);
        if (name != null) {
            span.setAttribute(OperationSpanNames.NAME, name);
        }
    }
}
