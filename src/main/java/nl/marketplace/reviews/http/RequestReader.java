package nl.marketplace.reviews.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.graphql.ApiErrorCode;
import nl.marketplace.reviews.http.Refusals.Refusal;

/**
 * The first step of a GraphQL request: reads it, once, from a POST's body or a GET's URL into a
 * {@link GraphQLHttpRequest}, and refuses what is not a GraphQL-over-HTTP request:
 * <ul>
 * <li>406: an Accept header with none of application/graphql-response+json, application/json (or a
 * wildcard);</li>
 * <li>415 UNSUPPORTED_MEDIA_TYPE: a POST with no Content-Type, or one other than application/json (UTF-8);</li>
 * <li>400 BAD_REQUEST: not JSON, nested deeper than 64 levels, a number of more than 100 digits, not
 * an object, {@code query} missing or not a string, {@code variables} or {@code extensions} not an
 * object, {@code operationName} not a string; a GET parameter given twice.</li>
 * </ul>
 * A body that starts with a UTF-8 byte order mark is read without it (RFC 8259 lets a parser ignore
 * one; some Windows clients send it).
 */
@ApplicationScoped
public class RequestReader {

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_DIGITS = 100;

    private final ObjectMapper json;

    public RequestReader(RequestLimits limits) {
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_DIGITS).maxStringLength(limits.maxBodyBytes()).build()).build())
                // Numbers as written: 1e400 is a (too large) number for graphql-java to refuse, not a double's Infinity.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    GraphQLHttpRequest readPost(RoutingContext rc) {
        String problem = mediaTypeProblem(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (problem != null) {
            throw new Refusal(415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, problem);
        }
        boolean graphqlResponse = accepted(rc);
        Buffer buffer = rc.body().buffer();
        byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
        int from = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        JsonNode body;
        try {
            body = json.readTree(bytes, from, bytes.length - from);
        } catch (StreamConstraintsException e) {
            throw new Refusal(400, ApiErrorCode.BAD_REQUEST, "The request body is nested too deeply or has too long a number");
        } catch (IOException e) {
            throw new Refusal(400, ApiErrorCode.BAD_REQUEST, "The request body is not JSON");
        }
        return request(body, false, graphqlResponse);
    }

    /**
     * A GET as the GraphQL-over-HTTP spec and Apollo send it: query, operationName, and variables and
     * extensions as JSON, in the URL (decoded once: SmallRye's own GET decoded them twice, "+" in a
     * variable became a space).
     */
    GraphQLHttpRequest readGet(RoutingContext rc) {
        boolean graphqlResponse = accepted(rc);
        String[] values = new String[4];
        String[] names = { "query", "operationName", "variables", "extensions" };
        for (int i = 0; i < names.length; i++) {
            List<String> given = rc.queryParam(names[i]);
            if (given.size() > 1) {
                throw new Refusal(400, ApiErrorCode.BAD_REQUEST, "The parameter " + names[i] + " is given more than once");
            }
            values[i] = given.isEmpty() || given.get(0).isEmpty() ? null : given.get(0);
        }
        var body = json.createObjectNode();
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                continue;
            }
            if (i < 2) {
                body.put(names[i], values[i]);
                continue;
            }
            try {
                body.set(names[i], json.readTree(values[i]));
            } catch (IOException e) {
                throw new Refusal(400, ApiErrorCode.BAD_REQUEST, "The parameter " + names[i] + " is not JSON");
            }
        }
        return request(body, true, graphqlResponse);
    }

    private static GraphQLHttpRequest request(JsonNode body, boolean get, boolean graphqlResponse) {
        String problem = shapeProblem(body);
        if (problem != null) {
            throw new Refusal(400, ApiErrorCode.BAD_REQUEST, problem);
        }
        return new GraphQLHttpRequest(get, body.path("query").textValue(), body.path("operationName").textValue(), present(body.get("variables")),
                present(body.get("extensions")), graphqlResponse);
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    /**
     * Whether the answer is application/graphql-response+json (else application/json); 406 when the
     * Accept header allows neither (as SmallRye did).
     */
    private static boolean accepted(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank()) {
            return false;
        }
        boolean graphqlResponse = accept.contains(Refusals.GRAPHQL_RESPONSE);
        if (!graphqlResponse) {
            boolean acceptable = false;
            for (MIMEHeader range : rc.parsedHeaders().accept()) {
                String type = range.value();
                acceptable |= type.equals("application/json") || type.equals("application/graphql+json") || type.equals("*/*")
                        || type.equals("application/*");
            }
            if (!acceptable) {
                throw new Refusal(406, ApiErrorCode.BAD_REQUEST,
                        "Accept application/graphql-response+json or application/json: the answer is one of them");
            }
        }
        return graphqlResponse;
    }

    /** Null, or why a Content-Type is not accepted. */
    static String mediaTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "Send the request with Content-Type: application/json";
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase("application/json")) {
            return "Content-Type " + parts[0].strip() + " is not accepted: send application/json";
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2
                    && !parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return "Only charset=utf-8 is accepted";
            }
        }
        return null;
    }

    /** Null, or what is wrong with the shape of a GraphQL-over-HTTP request body. */
    static String shapeProblem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "The request body must be a JSON object";
        }
        JsonNode query = body.get("query");
        if ((query == null || query.isNull()) && body.path("extensions").get("persistedQuery") == null) {
            return "The request has no 'query'";
        }
        if (query != null && !query.isNull() && !query.isTextual()) {
            return "'query' must be a string";
        }
        for (Map.Entry<String, Boolean> field : Map.of("variables", true, "extensions", true, "operationName", false).entrySet()) {
            JsonNode value = body.get(field.getKey());
            if (value != null && !value.isNull() && (field.getValue() ? !value.isObject() : !value.isTextual())) {
                return "'" + field.getKey() + "' must be " + (field.getValue() ? "an object" : "a string");
            }
        }
        return null;
    }
}
