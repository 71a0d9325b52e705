package nl.marketplace.reviews.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import nl.marketplace.reviews.db.ReadVersions;
import nl.marketplace.reviews.db.Replica;
import nl.marketplace.reviews.graphql.ApiErrorCode;
import nl.marketplace.reviews.graphql.ServiceUnavailable;
import nl.marketplace.reviews.http.Refusals.Refusal;
import nl.marketplace.reviews.trusteddocument.PersistedQueries;

/**
 * The GraphQL request's way through the edge (README, "One request through the edge"): after
 * {@link InFlightLimit} admitted it, {@link RequestReader} reads it once, {@link PersistedQueries}
 * gives the document a hash stands for (and, where anonymous callers run trusted documents only,
 * whether it is one), {@link DocumentCheck} checks the document, an anonymous query may read from a
 * replica, {@link HttpCaching} answers an anonymous GET whose answer the client has with 304, and
 * the rest is handed on to {@link GraphQLExecution}, which runs it and writes the answer. Each step
 * answers a client's mistake as the GraphQL-over-HTTP spec says: a status in the 4xx range and a
 * GraphQL error with a code, never a 500, and never a request run that a plain HTML form could send.
 */
@ApplicationScoped
public class GraphQLEdge {

    private static final Logger LOG = Logger.getLogger(GraphQLEdge.class);

    /**
     * After Quarkus' authentication (its filter runs at route order -200) and before its authorization
     * (-100): the caller is known when a persisted query is registered or looked up (a partner's
     * documents are its own), and a token that does not verify is answered 401 before anything else.
     */
    static final int ORDER = -150;

    private final int maxBodyBytes;
    /** Anonymous callers run trusted documents only (README, "Trusted documents"). */
    private final boolean trustedDocumentsOnly;
    private final RequestReader reader;
    private final PersistedQueries persistedQueries;
    private final DocumentCheck documents;
    private final HttpCaching caching;

    public GraphQLEdge(RequestLimits limits, RequestReader reader, PersistedQueries persistedQueries, DocumentCheck documents,
            HttpCaching caching) {
        this.maxBodyBytes = limits.maxBodyBytes();
        this.trustedDocumentsOnly = limits.trustedDocumentsOnly();
        this.reader = reader;
        this.persistedQueries = persistedQueries;
        this.documents = documents;
        this.caching = caching;
    }

    void install(@Observes Router router) {
        router.post("/graphql").order(ORDER)
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes))
                .handler(rc -> read(rc, false))
                .failureHandler(rc -> {
                    if (rc.statusCode() == 413) {
                        Refusals.refuse(rc, 413, ApiErrorCode.PAYLOAD_TOO_LARGE, "The request body is larger than " + maxBodyBytes + " bytes");
                    } else {
                        rc.next();
                    }
                });
        router.get("/graphql").order(ORDER).handler(rc -> {
            if ("websocket".equalsIgnoreCase(rc.request().getHeader(HttpHeaders.UPGRADE))) {
                rc.next(); // a subscription's WebSocket handshake: SmallRye's
            } else {
                read(rc, true);
            }
        });
    }

    private void read(RoutingContext rc, boolean get) {
        GraphQLHttpRequest request;
        try {
            request = get ? reader.readGet(rc) : reader.readPost(rc);
        } catch (Refusal refusal) {
            Refusals.refuse(rc, refusal);
            return;
        }
        resolve(rc, request);
    }

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

    /** The document: sent, or the one a persisted query's hash stands for. */
    private void resolve(RoutingContext rc, GraphQLHttpRequest request) {
        var persisted = request.persistedQuery();
        boolean anonymous = rc.request().getHeader(HttpHeaders.AUTHORIZATION) == null;
        PersistedQueries.Asker asker = asker(rc);
        boolean mustBeTrusted = trustedDocumentsOnly && anonymous;
        Uni<PersistedQueries.Resolved> document;
        if (persisted == null) {
            String given = request.query();
            document = !mustBeTrusted ? Uni.createFrom().item(new PersistedQueries.Resolved(given, false))
                    : persistedQueries.lookup(PersistedQueries.sha256(given), asker).map(found -> new PersistedQueries.Resolved(given,
                            found != null && found.trusted()));
        } else if (!persisted.isObject()) {
            document = Uni.createFrom().failure(new PersistedQueries.Refusal(ApiErrorCode.BAD_REQUEST, "extensions.persistedQuery must be an object"));
        } else {
            // Where anonymous callers run trusted documents only, they do not register any either.
            document = persistedQueries.resolve(persisted, request.query(), asker, !mustBeTrusted);
        }
        document.subscribe().with(resolved -> {
            try {
                check(rc, request, mustBeTrusted, anonymous && asker == PersistedQueries.Asker.ANONYMOUS, resolved);
            } catch (RuntimeException e) {
                // Thrown here it would reach no one (Mutiny does not pass it on): answer, and log it.
                LOG.errorf(e, "Unexpected failure checking a GraphQL request");
                Refusals.refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
            }
        }, failure -> {
            if (failure instanceof PersistedQueries.Refusal refusal) {
                // Not found is a request error like any other (200 to application/json); a bad extension is a bad request.
                boolean notFound = refusal.code == ApiErrorCode.PERSISTED_QUERY_NOT_FOUND;
                Refusals.refuse(rc, notFound && !request.graphqlResponse() ? 200 : 400, refusal.code, refusal.getMessage());
            } else if (ServiceUnavailable.isCause(failure)) {
                LOG.warnf("Database unavailable while looking up a persisted query: %s", failure.getMessage());
                Refusals.refuse(rc, 503, ApiErrorCode.SERVICE_UNAVAILABLE, new ServiceUnavailable().getMessage());
            } else {
                LOG.errorf(failure, "Unexpected failure looking up a persisted query");
                Refusals.refuse(rc, 500, ApiErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
            }
        });
    }

    /** The checks that need the document; then on to the run, or a 304. */
    private void check(RoutingContext rc, GraphQLHttpRequest request, boolean mustBeTrusted, boolean anonymous,
            PersistedQueries.Resolved resolved) {
        if (mustBeTrusted && !resolved.trusted()) {
            Refusals.refuse(rc, 400, ApiErrorCode.PERSISTED_QUERY_NOT_IN_LIST, "Without signing in, this service runs registered "
                    + "documents only: the operations of its schema repository and those registered by signed-in clients");
            return;
        }
        String document = resolved.document();
        DocumentCheck.Checked checked = documents.check(document);
        if (checked.problem() != null) {
            Refusals.refuse(rc, request.graphqlResponse() ? 400 : 200, ApiErrorCode.GRAPHQL_PARSE_FAILED, checked.problem());
            return;
        }
        boolean reads = checked.onlyReads(request.operationName());
        if (request.get() && !reads) {
            rc.response().putHeader(HttpHeaders.ALLOW, "POST");
            Refusals.refuse(rc, 405, ApiErrorCode.METHOD_NOT_ALLOWED, "GET runs queries only: send mutations and subscriptions with POST");
            return;
        }
        if (anonymous && reads) {
            // A public read may be a little behind: README, "Reads on replicas".
            Replica.allowForThisRequest();
        }
        if (request.get() && anonymous) {
            HttpCaching.Request cacheable = caching.request(document, request.operationName(),
                    request.variables() == null ? null : request.variables().toString(), request.mediaType());
            revalidateOrRun(rc, request, document, checked, cacheable, rc.request().getHeader(HttpHeaders.IF_NONE_MATCH), false);
        } else {
            new ExecutableRequest(request, document, checked.operations(), null, null).handOn(rc);
        }
    }

    /**
     * 304 when the client's copy is current where this request would be answered; where that is a
     * replica that has not yet replayed what the client's copy shows, the primary is asked (and
     * answers the request).
     */
    private void revalidateOrRun(RoutingContext rc, GraphQLHttpRequest request, String document, DocumentCheck.Checked checked,
            HttpCaching.Request cacheable, String ifNoneMatch, boolean onPrimary) {
        Uni<HttpCaching.Revalidation> revalidation = caching.revalidate(ifNoneMatch, cacheable);
        if (revalidation == null) {
            runCacheable(rc, request, document, checked, cacheable);
            return;
        }
        revalidation.subscribe().with(found -> {
            if (found.current() != null) {
                // Nothing it read changed since this answer was given: not run again.
                rc.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, found.current())
                        .putHeader(HttpHeaders.CACHE_CONTROL, caching.publicCacheControl()).putHeader(HttpHeaders.VARY, HttpCaching.VARY).end();
            } else if (found.behind() && !onPrimary) {
                Replica.denyForThisRequest();
                revalidateOrRun(rc, request, document, checked, cacheable, ifNoneMatch, true);
            } else {
                runCacheable(rc, request, document, checked, cacheable);
            }
        }, failure -> {
            LOG.debugf("Revalidation failed, running the request: %s", failure.getMessage());
            runCacheable(rc, request, document, checked, cacheable);
        });
    }

    /** An anonymous GET, run noting what its reads depend on for its ETag. */
    private static void runCacheable(RoutingContext rc, GraphQLHttpRequest request, String document, DocumentCheck.Checked checked,
            HttpCaching.Request cacheable) {
        ReadVersions versions = ReadVersions.collect();
        if (versions == null) {
            // Only with its reads noted may an answer be public: an ETag that names no partner would never go stale.
            LOG.debugf("No request context to note the versions on: this answer is not cached");
            cacheable = null;
        }
        new ExecutableRequest(request, document, checked.operations(), cacheable, versions).handOn(rc);
    }
}
