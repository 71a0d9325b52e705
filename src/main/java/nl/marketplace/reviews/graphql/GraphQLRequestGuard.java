package nl.marketplace.reviews.graphql;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.impl.RoutingContextInternal;
import nl.marketplace.reviews.db.ReadVersions;
import nl.marketplace.reviews.db.Replica;

/**
 * Checks a GraphQL POST before SmallRye sees it, and answers a client's mistake as the
 * GraphQL-over-HTTP spec says: a status in the 4xx range and a GraphQL error with a code, never
 * the HTTP 500 that SmallRye gives a body it cannot use, and never a request run that a plain HTML
 * form could send.
 * <ul>
 * <li>415 UNSUPPORTED_MEDIA_TYPE: no Content-Type, or one other than application/json (UTF-8);</li>
 * <li>413 PAYLOAD_TOO_LARGE: a body over {@code reviews.graphql.max-body-bytes};</li>
 * <li>400 BAD_REQUEST: not JSON, nested deeper than 64 levels, a number of more than 100 digits, not
 * an object, {@code query} missing or not a string, {@code variables} or {@code extensions} not an
 * object, {@code operationName} not a string;</li>
 * <li>GRAPHQL_PARSE_FAILED: the document is not GraphQL, or has a number literal of more than 100
 * digits (graphql-java would take seconds to refuse a long one). SmallRye would answer a syntax
 * error with a bare "Unparseable input document" and no code, so the document is parsed here
 * first; a document that parsed is remembered, so the ones clients send again and again are parsed
 * here once.</li>
 * </ul>
 * The answer's media type is application/graphql-response+json when the client accepts it, else
 * application/json (SmallRye would echo the Accept header, or answer application/graphql+json to
 * {@code *}/{@code *}). With application/graphql-response+json, a request error (a parse,
 * validation or variable coercion failure: no data, see {@link RequestErrors}) is HTTP 400; with
 * application/json it is 200, as the GraphQL-over-HTTP spec says.
 */
@ApplicationScoped
public class GraphQLRequestGuard {

    private static final Logger LOG = Logger.getLogger(GraphQLRequestGuard.class);

    static final int MAX_DEPTH = 64;
    static final int MAX_NUMBER_DIGITS = 100;
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    /** Set on a GET rerouted as a POST. */
    private static final String FROM_GET = GraphQLRequestGuard.class.getName() + ".fromGet";
    /** Set on a GET rerouted as a POST: the request as a POST body. */
    private static final String REROUTED_BODY = GraphQLRequestGuard.class.getName() + ".reroutedBody";
    /** Set on an anonymous GET whose answer may be cached: the request as its ETag sees it. */
    private static final String CACHEABLE = GraphQLRequestGuard.class.getName() + ".cacheable";
    /** Set beside it: the versions its reads note. */
    private static final String VERSIONS = GraphQLRequestGuard.class.getName() + ".versions";

    /** Documents that parsed: at most this many, each at most MAX_REMEMBERED_LENGTH characters. */
    static final int MAX_REMEMBERED = 1_000;
    static final int MAX_REMEMBERED_LENGTH = 20_000;

    private static final ObjectMapper ERRORS = new ObjectMapper();
    private final ObjectMapper json;
    private final int maxBodyBytes;
    private final Set<String> parsed = ConcurrentHashMap.newKeySet();
    /** Whether an operation of a document only reads (by operation name and document). */
    private final Map<String, Boolean> reads = new ConcurrentHashMap<>();
    private final PersistedQueries persistedQueries;
    /** Anonymous callers run trusted documents only (README, "Trusted documents"). */
    private final boolean trustedDocumentsOnly;
    private final HttpCaching caching;

    public GraphQLRequestGuard(RequestLimits limits, PersistedQueries persistedQueries, HttpCaching caching) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.trustedDocumentsOnly = limits.trustedDocumentsOnly();
        this.persistedQueries = persistedQueries;
        this.caching = caching;
        this.json = new ObjectMapper(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_DIGITS).maxStringLength(maxBodyBytes).build()).build());
    }

    /**
     * After Quarkus' authentication (its filter runs at route order -200) and before its authorization
     * (-100): the caller is known when a persisted query is registered or looked up (a partner's
     * documents are its own), and a token that does not verify is answered 401 before anything else.
     */
    static final int ORDER = -150;

    /** Who sends the request, from the identity Quarkus' authentication established (proactive, so it is there). */
    private static PersistedQueries.Asker asker(RoutingContext rc) {
        if (!(rc.user() instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
            return PersistedQueries.Asker.ANONYMOUS;
        }
        try {
            nl.marketplace.reviews.security.Caller caller = nl.marketplace.reviews.security.CallerService.of(user.getSecurityIdentity());
            return new PersistedQueries.Asker(caller.signedIn(), caller.partnerKey(), caller.admin());
        } catch (nl.marketplace.reviews.security.ForbiddenException e) {
            return new PersistedQueries.Asker(true, null, false); // a partner token without a usable partner_id: nobody's documents
        }
    }

    void install(@Observes Router router) {
        // Before SmallRye's route; its own body handler finds the body read already.
        router.post("/graphql").order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(this::checkPost)
                .failureHandler(rc -> {
                    if (rc.statusCode() == 413) {
                        refuse(rc, 413, ApiErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes");
                    } else {
                        rc.next();
                    }
                });
        router.get("/graphql").order(ORDER).handler(this::checkGet);
    }

    private void checkPost(RoutingContext rc) {
        if (rc.get(FROM_GET) != null) {
            // A GET, checked by checkGet and rerouted as this POST: on to SmallRye. A GET that came with
            // "Content-Length: 0" (Java's HttpClient sends it) had its body read again, empty, by the body
            // handler of this route: the request SmallRye runs is the one made from the URL.
            ((RoutingContextInternal) rc).setBody(rc.get(REROUTED_BODY));
            rc.addHeadersEndHandler(ignored -> answerAs(rc));
            rc.next();
            return;
        }
        String problem = mediaTypeProblem(rc.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (problem != null) {
            refuse(rc, 415, ApiErrorCode.UNSUPPORTED_MEDIA_TYPE, problem);
            return;
        }
        byte[] bytes = rc.body().buffer() == null ? new byte[0] : rc.body().buffer().getBytes();
        if (bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF) {
            // A UTF-8 byte order mark (some Windows clients send one): RFC 8259 lets a parser ignore it, SmallRye's does not.
            bytes = java.util.Arrays.copyOfRange(bytes, 3, bytes.length);
            ((RoutingContextInternal) rc).setBody(Buffer.buffer(bytes));
        }
        JsonNode body;
        try {
            body = json.readTree(bytes);
        } catch (StreamConstraintsException e) {
            refuse(rc, 400, ApiErrorCode.BAD_REQUEST, "The request body is nested too deeply or has too long a number");
            return;
        } catch (IOException e) {
            refuse(rc, 400, ApiErrorCode.BAD_REQUEST, "The request body is not JSON");
            return;
        }
        proceed(rc, body, false);
    }

    /**
     * A GET as the GraphQL-over-HTTP spec and Apollo send it: query, operationName, and variables and
     * extensions as JSON, in the URL. Queries only (405 else). SmallRye's own GET support decodes the
     * parameters a second time ("+" in a variable became a space), so a GET is checked here and
     * rerouted to SmallRye as the equivalent POST.
     */
    private void checkGet(RoutingContext rc) {
        if ("websocket".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.UPGRADE))) {
            rc.next(); // a subscription's WebSocket handshake: SmallRye's
            return;
        }
        ObjectNode body = json.createObjectNode();
        for (String name : new String[] { "query", "operationName", "variables", "extensions" }) {
            List<String> values = rc.queryParam(name);
            if (values.size() > 1) {
                refuse(rc, 400, ApiErrorCode.BAD_REQUEST, "The parameter " + name + " is given more than once");
                return;
            }
            if (values.isEmpty() || values.get(0).isEmpty()) {
                continue;
            }
            if (name.equals("variables") || name.equals("extensions")) {
                try {
                    body.set(name, json.readTree(values.get(0)));
                } catch (IOException e) {
                    refuse(rc, 400, ApiErrorCode.BAD_REQUEST, "The parameter " + name + " is not JSON");
                    return;
                }
            } else {
                body.put(name, values.get(0));
            }
        }
        proceed(rc, body, true);
    }

    /** The checks both methods share, with the persisted query (if any) resolved first. */
    private void proceed(RoutingContext rc, JsonNode body, boolean get) {
        String problem = shapeProblem(body);
        if (problem != null) {
            refuse(rc, 400, ApiErrorCode.BAD_REQUEST, problem);
            return;
        }
        JsonNode persisted = body.path("extensions").get("persistedQuery");
        boolean anonymous = rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null;
        PersistedQueries.Asker asker = asker(rc);
        boolean mustBeTrusted = trustedDocumentsOnly && anonymous;
        Uni<PersistedQueries.Resolved> document;
        if (persisted == null) {
            String given = body.get("query").textValue();
            document = !mustBeTrusted ? Uni.createFrom().item(new PersistedQueries.Resolved(given, false))
                    : persistedQueries.lookup(PersistedQueries.sha256(given), asker).map(found -> new PersistedQueries.Resolved(given,
                            found != null && found.trusted()));
        } else if (!persisted.isObject()) {
            document = Uni.createFrom().failure(new PersistedQueries.Refusal(ApiErrorCode.BAD_REQUEST,
                    "extensions.persistedQuery must be an object"));
        } else {
            // Where anonymous callers run trusted documents only, they do not register any either.
            document = persistedQueries.resolve(persisted, body.get("query"), asker, !mustBeTrusted);
        }
        document.subscribe().with(resolved -> {
            try {
                run(rc, body, get, persisted != null, mustBeTrusted, resolved);
            } catch (RuntimeException e) {
                // Thrown here it would reach no one (Mutiny does not pass it on): answer, and log it.
                LOG.errorf(e, "Unexpected failure checking a GraphQL request");
                refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
            }
        }, failure -> {
            if (failure instanceof PersistedQueries.Refusal refusal) {
                // Not found is a request error like any other (200 to application/json); a bad extension is a bad request.
                boolean notFound = refusal.code == ApiErrorCode.PERSISTED_QUERY_NOT_FOUND;
                refuse(rc, notFound && !acceptsGraphQLResponse(rc) ? 200 : 400, refusal.code, refusal.getMessage());
            } else if (ServiceUnavailable.isCause(failure)) {
                LOG.warnf("Database unavailable while looking up a persisted query: %s", failure.getMessage());
                refuse(rc, 503, ApiErrorCode.SERVICE_UNAVAILABLE, new ServiceUnavailable().getMessage());
            } else {
                LOG.errorf(failure, "Unexpected failure looking up a persisted query");
                refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
            }
        });
    }

    /** The rest of the checks, with the document known; then on to SmallRye (a GET rerouted as a POST), or a 304. */
    private void run(RoutingContext rc, JsonNode body, boolean get, boolean persisted, boolean mustBeTrusted,
            PersistedQueries.Resolved resolved) {
        if (mustBeTrusted && !resolved.trusted()) {
            refuse(rc, 400, ApiErrorCode.PERSISTED_QUERY_NOT_IN_LIST, "Without signing in, this service runs registered "
                    + "documents only: the operations of its schema repository and those registered by signed-in clients");
            return;
        }
        String query = resolved.document();
        String syntax = documentProblem(query);
        if (syntax != null) {
            refuse(rc, acceptsGraphQLResponse(rc) ? 400 : 200, ApiErrorCode.GRAPHQL_PARSE_FAILED, syntax);
            return;
        }
        boolean reads = readsOnly(query, body.path("operationName").textValue());
        if (get && !reads) {
            rc.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(rc, 405, ApiErrorCode.METHOD_NOT_ALLOWED, "GET runs queries only: send mutations and subscriptions with POST");
            return;
        }
        boolean anonymous = rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null && asker(rc) == PersistedQueries.Asker.ANONYMOUS;
        if (anonymous && reads) {
            // A public read may be a little behind: README, "Reads on replicas".
            Replica.allowForThisRequest();
        }
        if (!persisted && !get) {
            rc.addHeadersEndHandler(ignored -> answerAs(rc));
            rc.next();
            return;
        }
        // SmallRye reads the request from the body: give it the whole document.
        ((ObjectNode) body).put("query", query);
        try {
            Buffer whole = Buffer.buffer(json.writeValueAsBytes(body));
            ((RoutingContextInternal) rc).setBody(whole);
            rc.put(REROUTED_BODY, whole);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (get && anonymous) {
            HttpCaching.Request request = caching.request(query, body.path("operationName").textValue(), body.has("variables")
                    ? body.get("variables").toString() : null, acceptsGraphQLResponse(rc) ? GRAPHQL_RESPONSE : "application/json");
            revalidateOrRun(rc, request, rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), false);
        } else if (get) {
            rc.put(FROM_GET, Boolean.TRUE);
            rc.reroute(HttpMethod.POST, "/graphql");
        } else {
            rc.addHeadersEndHandler(ignored -> answerAs(rc));
            rc.next();
        }
    }

    /**
     * 304 when the client's copy is current where this request would be answered; where that is a
     * replica that has not yet replayed what the client's copy shows, the primary is asked (and
     * answers the request).
     */
    private void revalidateOrRun(RoutingContext rc, HttpCaching.Request request, String ifNoneMatch, boolean onPrimary) {
        Uni<HttpCaching.Revalidation> revalidation = caching.revalidate(ifNoneMatch, request);
        if (revalidation == null) {
            runCacheable(rc, request);
            return;
        }
        revalidation.subscribe().with(found -> {
            if (found.current() != null) {
                // Nothing it read changed since this answer was given: not run again.
                rc.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, found.current())
                        .putHeader(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl()).putHeader(HttpHeaders.VARY, HttpCaching.VARY).end();
            } else if (found.behind() && !onPrimary) {
                Replica.denyForThisRequest();
                revalidateOrRun(rc, request, ifNoneMatch, true);
            } else {
                runCacheable(rc, request);
            }
        }, failure -> {
            LOG.debugf("Revalidation failed, running the request: %s", failure.getMessage());
            runCacheable(rc, request);
        });
    }

    /** An anonymous GET, run as a POST, noting what its reads depend on for its ETag. */
    private void runCacheable(RoutingContext rc, HttpCaching.Request request) {
        rc.put(FROM_GET, Boolean.TRUE);
        ReadVersions versions = ReadVersions.collect();
        if (versions != null) {
            // Only with its reads noted may an answer be public: an ETag that names no partner would never go stale.
            rc.put(CACHEABLE, request);
            rc.put(VERSIONS, versions);
        } else {
            LOG.debugf("No request context to note the versions on: this answer is not cached");
        }
        rc.reroute(HttpMethod.POST, "/graphql");
    }

    /** Null, or why the document does not parse (a document that parsed before is not parsed again). */
    private String documentProblem(String document) {
        if (parsed.contains(document)) {
            return null;
        }
        String problem = longestNumberLiteral(document) > MAX_NUMBER_DIGITS
                ? "A number in the document has more than " + MAX_NUMBER_DIGITS + " digits"
                : syntaxProblem(document);
        if (problem == null) {
            remember(document);
        }
        return problem;
    }

    /** {@link #onlyReads}, remembered for the documents that parsed (clients send a handful again and again). */
    private boolean readsOnly(String document, String operationName) {
        if (document.length() > MAX_REMEMBERED_LENGTH) {
            return onlyReads(document, operationName);
        }
        String key = (operationName == null ? "" : operationName) + '\u0000' + document;
        Boolean known = reads.get(key);
        if (known == null) {
            known = onlyReads(document, operationName);
            if (reads.size() >= MAX_REMEMBERED) {
                reads.clear(); // crude, but bounded, as the parsed documents
            }
            reads.put(key, known);
        }
        return known;
    }

    /** Whether the operation a GET runs is a query (an unknown or ambiguous one is left to the validation that follows). */
    static boolean onlyReads(String document, String operationName) {
        List<OperationDefinition> operations = Parser.parse(ParserEnvironment.newParserEnvironment().document(document)
                .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build())
                .getDefinitionsOfType(OperationDefinition.class);
        return operations.stream().filter(o -> operationName == null || operationName.equals(o.getName()))
                .allMatch(o -> o.getOperation() == OperationDefinition.Operation.QUERY);
    }

    /** Null, or graphql-java's description of the document's first syntax error. */
    static String syntaxProblem(String document) {
        try {
            Parser.parse(ParserEnvironment.newParserEnvironment().document(document)
                    .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
            return null;
        } catch (InvalidSyntaxException e) {
            return e.getMessage();
        }
    }

    private void remember(String document) {
        if (document.length() <= MAX_REMEMBERED_LENGTH) {
            if (parsed.size() >= MAX_REMEMBERED) {
                parsed.clear(); // crude, but bounded; clients send a handful of documents
            }
            parsed.add(document);
        }
    }

    /** Just before SmallRye's answer goes out: its media type, 400 for a request error, and whether it may be cached. */
    private void answerAs(RoutingContext rc) {
        io.vertx.core.Context context = Vertx.currentContext();
        boolean requestError = context != null && context.removeLocal(RequestErrors.REQUEST_ERROR);
        boolean hadErrors = context != null && context.removeLocal(RequestErrors.HAD_ERRORS);
        HttpCaching.Request cacheable = rc.get(CACHEABLE);
        ReadVersions versions = rc.get(VERSIONS);
        HttpServerResponse headers = rc.response();
        headers.putHeader(HttpHeaders.VARY, HttpCaching.VARY);
        if (cacheable != null && !hadErrors && headers.getStatusCode() == 200 && versions.covered()) {
            headers.putHeader(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl());
            Map<Long, Long> read = versions.versions();
            if (read.size() <= HttpCaching.MAX_PARTNERS) {
                headers.putHeader(HttpHeaders.ETAG, HttpCaching.etag(cacheable, new java.util.TreeMap<>(read)));
            }
        } else {
            headers.putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PRIVATE);
        }
        HttpServerResponse response = rc.response();
        boolean graphqlResponse = acceptsGraphQLResponse(rc);
        if (requestError && graphqlResponse && response.getStatusCode() == 200) {
            response.setStatusCode(400).setStatusMessage("Bad Request");
        }
        if (response.getStatusCode() == 200 || response.getStatusCode() == 400) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, (graphqlResponse ? GRAPHQL_RESPONSE : "application/json") + "; charset=utf-8");
        }
    }

    private static boolean acceptsGraphQLResponse(RoutingContext rc) {
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(GRAPHQL_RESPONSE);
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

    /** The longest run of digits outside string literals and comments of a GraphQL document. */
    static int longestNumberLiteral(String document) {
        int longest = 0;
        int run = 0;
        int i = 0;
        int n = document.length();
        while (i < n) {
            char c = document.charAt(i);
            if (c == '"') {
                run = 0;
                boolean block = document.startsWith("\"\"\"", i);
                i = block ? skipBlockString(document, i + 3) : skipString(document, i + 1);
                continue;
            }
            if (c == '#') {
                run = 0;
                while (i < n && document.charAt(i) != '\n' && document.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            longest = Math.max(longest, run);
            i++;
        }
        return longest;
    }

    private static int skipString(String s, int i) {
        while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBlockString(String s, int i) {
        int end = s.indexOf("\"\"\"", i);
        while (end > 0 && s.charAt(end - 1) == '\\') {
            end = s.indexOf("\"\"\"", end + 3);
        }
        return end < 0 ? s.length() : end + 3;
    }

    /** Answers with a GraphQL error that has a code, in the media type the client accepts; the request is not run. */
    static void refuse(RoutingContext rc, int status, ApiErrorCode code, String message) {
        String type = acceptsGraphQLResponse(rc) ? GRAPHQL_RESPONSE : "application/json";
        String body;
        try {
            body = ERRORS.writeValueAsString(Map.of("errors", java.util.List.of(Map.of("message", message,
                    "extensions", Map.of("code", code.name())))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type + "; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, HttpCaching.PRIVATE).end(body);
    }
}
