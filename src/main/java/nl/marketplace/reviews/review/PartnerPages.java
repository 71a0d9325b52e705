package nl.marketplace.reviews.review;

import java.time.OffsetDateTime;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import nl.marketplace.reviews.graphql.Selection;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerLookAhead;

/**
 * A partner loaded with its page of reviews ({@code partner(id) { … reviews(…) { … } }}, the
 * dashboard's review page): one statement for both, where the partner alone took one and the page
 * another. The page waits in the request's Vert.x context for {@code Partner.reviews}, which takes
 * it only when the request it builds from SmallRye's own arguments equals the one read here, so a
 * look-ahead that read the arguments differently costs a statement, never an answer
 * ({@code StatementCountTest} counts one statement for the page, with and without filters).
 */
@ApplicationScoped
public class PartnerPages implements PartnerLookAhead {

    /** The context-local key of the pages loaded with their partners in the running request. */
    private static final String LOADED = "partner-pages";

    private final ReviewService reviews;

    public PartnerPages(ReviewService reviews) {
        this.reviews = reviews;
    }

    private record LoadedPage(PageRequest request, ReviewConnection page) {
    }

    @Override
    public Optional<Uni<Partner>> load(long key) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return Optional.empty();
        }
        PageRequest request;
        try {
            Map<String, Object> arguments = Selection.argumentsOfOnly("reviews");
            if (arguments == null) {
                return Optional.empty();
            }
            request = reviews.request((Integer) arguments.get("first"), (String) arguments.get("after"), filter(arguments.get("filter")),
                    enumOf(ReviewOrder.class, arguments.get("orderBy")), Nested.selectedAt("reviews/edges/node/", "reviews/nodes/"));
        } catch (RuntimeException badArgument) {
            // A bad argument (or one read otherwise than expected): the partner loads alone, and Partner.reviews
            // refuses it at its own path, as it would without this look-ahead.
            return Optional.empty();
        }
        return Optional.of(reviews.partnerWithPage(key, request).map(loaded -> {
            Map<Partner, LoadedPage> pages = context.getLocal(LOADED);
            if (pages == null) {
                pages = new IdentityHashMap<>();
                context.putLocal(LOADED, pages);
            }
            pages.put(loaded.partner(), new LoadedPage(request, loaded.page()));
            return loaded.partner();
        }));
    }

    /** The page loaded with this partner in the running request for this very request, or null. */
    ReviewConnection loaded(Partner partner, PageRequest request) {
        Context context = Vertx.currentContext();
        Map<Partner, LoadedPage> pages = context == null || !VertxContext.isDuplicatedContext(context) ? null : context.getLocal(LOADED);
        LoadedPage loaded = pages == null ? null : pages.get(partner);
        return loaded != null && loaded.request().equals(request) ? loaded.page() : null;
    }

    /** The filter from graphql-java's arguments (an input object is a map; DateTime input stays text, graphql.StrictScalars). */
    private static ReviewFilter filter(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        SubScoreAtMost subScore = map.get("subScoreAtMost") instanceof Map<?, ?> sub
                ? new SubScoreAtMost(enumOf(SubScoreCategory.class, sub.get("category")), (Integer) sub.get("value"))
                : null;
        return new ReviewFilter((Integer) map.get("overallMin"), (Integer) map.get("overallMax"),
                enumOf(Classification.class, map.get("classification")), subScore, (Boolean) map.get("revised"), (Boolean) map.get("replied"),
                moment(map.get("createdFrom")), moment(map.get("createdBefore")), (String) map.get("text"), (String) map.get("topic"));
    }

    private static OffsetDateTime moment(Object value) {
        return value == null ? null : value instanceof OffsetDateTime moment ? moment : OffsetDateTime.parse(value.toString());
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, Object value) {
        return value == null ? null : type.isInstance(value) ? type.cast(value) : Enum.valueOf(type, value.toString());
    }
}
