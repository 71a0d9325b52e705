package nl.marketplace.reviews.http;

import java.util.Iterator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import nl.marketplace.reviews.observability.RequestSpans;

/**
 * The run: a checked request ({@link ExecutableRequest}) goes to SmallRye's execution service as
 * the request the edge read, not as a body SmallRye would parse again (and a GET is not rerouted as
 * a POST to reach it), and {@link AnswerWriter} writes the answer. SmallRye's own route is left
 * the subscription handshake and OPTIONS.
 *
 * <p>Quarkus' {@link SmallRyeGraphQLAbstractHandler} is extended for what it does around a request:
 * the request context, the caller's identity, the current request, and the metadata SmallRye's data
 * fetchers read.
 */
@ApplicationScoped
public class GraphQLExecution {

    /** After Quarkus' authorization (-100) and {@link GraphQLEdge}; before SmallRye's route. */
    static final int ORDER = -50;
    private static final JsonProvider JSON_P = JsonProvider.provider();

    void install(@Observes Router router, Instance<CurrentIdentityAssociation> identities, CurrentVertxRequest requests, HttpCaching caching) {
        Run run = new Run(identities.isResolvable() ? identities.get() : null, requests, caching);
        router.route("/graphql").order(ORDER).handler(rc -> {
            if (ExecutableRequest.of(rc) == null) {
                rc.next();
            } else {
                run.handle(rc);
            }
        });
    }

    private static final class Run extends SmallRyeGraphQLAbstractHandler {

        private final HttpCaching caching;

        Run(CurrentIdentityAssociation identities, CurrentVertxRequest requests, HttpCaching caching) {
            super(identities, requests, false); // false: resolvers run on the event loop (quarkus.smallrye-graphql.nonblocking.enabled unset)
            this.caching = caching;
        }

        @Override
        protected void doHandle(RoutingContext rc) {
            ExecutableRequest executable = ExecutableRequest.of(rc);
            RequestSpans.name(executable.operations(), executable.request().operationName());
            getExecutionService().executeAsync(input(executable), getMetaData(rc), new AnswerWriter(rc, executable, caching));
        }
    }

    /** The request as SmallRye's execution service takes it: a JSON-P object (the variables are small; the document is a string). */
    static jakarta.json.JsonObject input(ExecutableRequest executable) {
        GraphQLHttpRequest request = executable.request();
        JsonObjectBuilder input = JSON_P.createObjectBuilder().add("query", executable.document());
        if (request.operationName() != null) {
            input.add("operationName", request.operationName());
        }
        if (request.variables() != null) {
            input.add("variables", toJsonP(request.variables()));
        }
        return input.build();
    }

    static JsonValue toJsonP(JsonNode node) {
        switch (node.getNodeType()) {
        case OBJECT: {
            JsonObjectBuilder object = JSON_P.createObjectBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                object.add(field.getKey(), toJsonP(field.getValue()));
            }
            return object.build();
        }
        case ARRAY: {
            var array = JSON_P.createArrayBuilder();
            node.forEach(element -> array.add(toJsonP(element)));
            return array.build();
        }
        case STRING:
            return JSON_P.createValue(node.textValue());
        case BOOLEAN:
            return node.booleanValue() ? JsonValue.TRUE : JsonValue.FALSE;
        case NUMBER:
            if (node.isIntegralNumber()) {
                return node.canConvertToLong() ? JSON_P.createValue(node.longValue()) : JSON_P.createValue(node.bigIntegerValue());
            }
            return JSON_P.createValue(node.decimalValue());
        default:
            return JsonValue.NULL;
        }
    }
}
