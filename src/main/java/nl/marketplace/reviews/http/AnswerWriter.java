package nl.marketplace.reviews.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.execution.context.SmallRyeContextManager;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.db.ReadVersions;
import nl.marketplace.reviews.graphql.ApiErrorCode;
import nl.marketplace.reviews.observability.ErrorCodeMetrics;

/**
 * The last step: writes SmallRye's result as the answer. Its media type is
 * application/graphql-response+json when the client accepts it, else application/json (SmallRye
 * would echo the Accept header, or answer application/graphql+json to {@code *}/{@code *}); a
 * request error (errors and no data: a parse, validation or variable coercion failure) is HTTP 400
 * with application/graphql-response+json and 200 with application/json, as the GraphQL-over-HTTP
 * spec says. An anonymous GET answered without errors, whose reads were all noted, is public with an
 * ETag ({@link HttpCaching}); everything else is private, no-store.
 *
 * <p>An answer without errors is written with Jackson straight into the response's buffer ({@link AnswerJson};
 * SmallRye builds a JSON-P tree of it and then a string: about a tenth of a page's CPU); one with errors
 * goes through SmallRye, whose error format (extensions, locations) it keeps.
 */
final class AnswerWriter implements ExecutionResponseWriter {

    private static final Logger LOG = Logger.getLogger(AnswerWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final RoutingContext rc;
    private final ExecutableRequest executable;
    private final HttpCaching caching;

    AnswerWriter(RoutingContext rc, ExecutableRequest executable, HttpCaching caching) {
        this.rc = rc;
        this.executable = executable;
        this.caching = caching;
    }

    @Override
    public void write(ExecutionResponse response) {
        ExecutionResult result = response.getExecutionResult();
        List<GraphQLError> errors = result.getErrors();
        if (result.isDataPresent() && errors.stream().anyMatch(e -> e.getErrorType() == ErrorType.ExecutionAborted)) {
            // As SmallRye: an execution aborted after it began (not a limit, which aborts before any data) is the server's failure.
            LOG.errorf("Execution aborted: %s", errors);
            Refusals.refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"); // counted there
            return;
        }
        for (GraphQLError error : errors) {
            ErrorCodeMetrics.count(error.getExtensions() == null ? null : error.getExtensions().get("code"));
        }
        HttpServerResponse http = rc.response();
        boolean graphqlResponse = executable.request().graphqlResponse();
        http.setStatusCode(!result.isDataPresent() && !errors.isEmpty() && graphqlResponse ? 400 : 200);
        http.putHeader(HttpHeaders.CONTENT_TYPE, Refusals.contentType(graphqlResponse));
        http.putHeader(HttpHeaders.VARY, HttpCaching.VARY);
        cacheHeaders(http, errors.isEmpty());
        http.end(body(response, result));
    }

    private void cacheHeaders(HttpServerResponse http, boolean noErrors) {
        HttpCaching.Request cacheable = executable.cacheable();
        ReadVersions versions = executable.versions();
        if (cacheable != null && noErrors && versions.covered()) {
            http.putHeader(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl());
            Map<Long, Long> read = versions.versions();
            if (read.size() <= HttpCaching.MAX_PARTNERS) {
                http.putHeader(HttpHeaders.ETAG, HttpCaching.etag(cacheable, new TreeMap<>(read)));
            }
        } else {
            http.putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PRIVATE);
        }
    }

    private static Buffer body(ExecutionResponse response, ExecutionResult result) {
        SmallRyeContext context = SmallRyeContextManager.getCurrentSmallRyeContext();
        Map<String, Object> added = context == null ? null : context.getAddedExtensions();
        if (result.getErrors().isEmpty() && result.getExtensions() == null && (added == null || added.isEmpty())) {
            ByteBuf bytes = Unpooled.buffer(4096);
            try (JsonGenerator json = JSON.createGenerator((java.io.OutputStream) new ByteBufOutputStream(bytes), JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeFieldName("data");
                AnswerJson.write(json, result.getData());
                json.writeEndObject();
            } catch (IOException | RuntimeException e) {
                // AnswerJson.NotPlain, or a number JSON has no words for (a NaN graphql-java would not have let through)
                LOG.debugf("Answer written by SmallRye: %s", e.getMessage());
                return Buffer.buffer(response.getExecutionResultAsString());
            }
            return Buffer.buffer(bytes);
        }
        return Buffer.buffer(response.getExecutionResultAsString());
    }

    @Override
    public void fail(Throwable failure) {
        LOG.errorf(failure, "Unexpected failure running a GraphQL request");
        if (!rc.response().ended()) {
            Refusals.refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"); // counted there
        }
    }
}
