package nl.marketplace.reviews.node;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.exclusion.Exclusion;
import nl.marketplace.reviews.exclusion.ExclusionService;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Node;
import nl.marketplace.reviews.graphql.NotFoundException;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewService;
import nl.marketplace.reviews.review.Revision;
import nl.marketplace.reviews.score.PartnerScore;
import nl.marketplace.reviews.score.ScoreService;
import nl.marketplace.reviews.security.CallerService;

/**
 * {@code node(id)}: refetches any object by its global id. Its description is the schema's (SmallRye
 * takes it from one {@code @GraphQLApi} class): the error codes, which ErrorCodesTest compares with
 * {@code graphql.ApiErrorCode}.
 */
@GraphQLApi
@Description("Partner customer reviews (partnerbeoordelingen). Every top-level error has extensions.code, one of: "
        + "BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE, PAYLOAD_TOO_LARGE (the HTTP request is not a GraphQL request; HTTP 400, 415, 413), "
        + "METHOD_NOT_ALLOWED (a mutation or subscription sent with GET; HTTP 405), PERSISTED_QUERY_NOT_FOUND, "
        + "PERSISTED_QUERY_HASH_MISMATCH (automatic persisted queries: send the query with its hash), PERSISTED_QUERY_NOT_IN_LIST "
        + "(where only registered documents run without sign-in), "
        + "GRAPHQL_PARSE_FAILED (not GraphQL syntax), GRAPHQL_VALIDATION_FAILED (the document does not fit this schema), "
        + "BAD_USER_INPUT (a value is wrong; the message names the argument), QUERY_TOO_COMPLEX (deeper than 12 levels or "
        + "over 2,000 fields, or introspection that asks for a meta field too often), FORBIDDEN (not for this caller), UNAUTHENTICATED (HTTP 401: the token does not verify, or a subscription's token expired), NOT_FOUND, "
        + "SERVICE_UNAVAILABLE (the database is unreachable; nothing changed, try again), OUTCOME_UNKNOWN (a change may or may "
        + "not have been saved; read it back), SUBSCRIPTION_OVERFLOW and CURSOR_EXPIRED (a subscription ended; see "
        + "reviewEvents), INTERNAL_SERVER_ERROR. With Accept: application/graphql-response+json a request that fails before "
        + "it runs (parse, validation, variables) is HTTP 400. Mutations report what the caller can fix in userErrors.")
@ClientSafeErrors
public class NodeGraphQL {

    private final PartnerService partners;
    private final ReviewService reviews;
    private final ExclusionService exclusions;
    private final ScoreService scoreService;
    private final CallerService callers;

    public NodeGraphQL(PartnerService partners, ReviewService reviews, ExclusionService exclusions, ScoreService scoreService,
            CallerService callers) {
        this.partners = partners;
        this.reviews = reviews;
        this.exclusions = exclusions;
        this.scoreService = scoreService;
        this.callers = callers;
    }

    /** A PartnerScore's id is the partner and the day: the score as of that day. */
    private Uni<Node> scores(long[] partnerAndDay) {
        java.time.LocalDate day = java.time.LocalDate.ofEpochDay(partnerAndDay[1]);
        return partners.get(partnerAndDay[0]).chain(partner -> scoreService.scores(java.util.List.of(partner),
                nl.marketplace.reviews.time.BusinessTime.startOf(day))).map(found -> (Node) found.get(0));
    }

    @Query("node")
    @Description("Any object by its global id; null with a NOT_FOUND error when there is none.")
    public Uni<Node> node(@Id @NonNull @Name("id") @Description("A global id.") String id) {
        String type = GlobalId.typeOf(id, "id");
        return switch (type) {
            case Partner.TYPE -> partners.get(GlobalId.key(id, Partner.TYPE, "id")).map(Node.class::cast);
            case Review.TYPE -> reviews.get(GlobalId.key(id, Review.TYPE, "id")).map(Node.class::cast);
            case Revision.TYPE -> reviews.revision(GlobalId.key(id, Revision.TYPE, "id")).map(Node.class::cast);
            case Exclusion.TYPE -> exclusions.find(callers.current(), GlobalId.key(id, Exclusion.TYPE, "id")).map(Node.class::cast);
            case PartnerScore.TYPE -> scores(GlobalId.keys(id, PartnerScore.TYPE, 2, "id"));
            default -> Uni.createFrom().failure(new NotFoundException("No object with this id"));
        };
    }
}
