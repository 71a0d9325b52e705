package nl.marketplace.reviews.review;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;

/**
 * The public read API of reviews. Nested fields are batched or looked ahead: one statement per field and request
 * level, whatever the page size ({@code @Source List}, {@link Batcher}, or loaded with the page; see {@link Nested}).
 */
@GraphQLApi
@ClientSafeErrors
public class ReviewGraphQL {

    /** Where a connection's reviews are in its selection. */
    private static final String[] NODES = { "edges/node/", "nodes/" };

    private final ReviewService reviews;
    private final PartnerService partners;
    private final PartnerPages partnerPages;
    private final Batcher<ReviewService.PartnerPage, ReviewConnection> pageBatcher;
    private final Batcher<ReviewConnection, Long> countBatcher;
    private final Batcher<Long, Partner> partnerBatcher;
    private final Batcher<Review, List<Revision>> revisionBatcher;
    private final Batcher<Review, Reply> replyBatcher;

    public ReviewGraphQL(ReviewService reviews, PartnerService partners, PartnerPages partnerPages) {
        this.reviews = reviews;
        this.partners = partners;
        this.partnerPages = partnerPages;
        this.pageBatcher = new Batcher<>("partner-reviews", reviews::pagesFor);
        // A Batcher rather than @Source List: SmallRye's batch resolver builds its context's selection JSON.
        this.countBatcher = new Batcher<>("review-count", reviews::totalCounts);
        // Likewise the nested fields without arguments: as @Source List resolvers, Review.partner alone was
        // a fifth of the review detail's CPU (JFR); and with no SmallRye batch resolver left, graphql-java
        // does not dispatch data loaders (a lock per field) at all.
        this.partnerBatcher = new Batcher<>("review-partner", Batcher.inOrder(partners::find));
        this.revisionBatcher = new Batcher<>("review-revisions", Batcher.inOrder(reviews::revisions));
        this.replyBatcher = new Batcher<>("review-reply", Batcher.inOrder(reviews::replies));
    }

    @Query("review")
    @Description("One review by its id; null with a NOT_FOUND error when there is none.")
    public Uni<Review> review(@Id @NonNull @Name("id") @Description("The review's global id.") String id) {
        return reviews.get(GlobalId.key(id, Review.TYPE, "id"), Nested.selectedAt(""));
    }

    @Query("reviews")
    @Description("A page of one partner's reviews (the seller dashboard's list, \"Filter beoordelingen\").")
    public Uni<ReviewConnection> reviews(
            @Id @NonNull @Name("partnerId") @Description("The partner's global id.") String partnerId,
            @DefaultValue("20") @Description("Page size, 1-100.") Integer first,
            @Description("Continue behind this cursor (an `endCursor` or edge `cursor` of the same orderBy).") String after,
            @Description("Only reviews that match every condition.") ReviewFilter filter,
            @DefaultValue("NEWEST") @Description("The order of the list.") ReviewOrder orderBy) {
        long partnerKey = GlobalId.key(partnerId, Partner.TYPE, "partnerId");
        PageRequest request = reviews.request(first, after, filter, orderBy, Nested.selectedAt(NODES));
        return reviews.partnerWithPage(partnerKey, request).map(ReviewService.PartnerPage.Loaded::page);
    }

    @Name("reviews")
    @Description("A page of the partner's reviews.")
    public Uni<@NonNull ReviewConnection> partnerReviews(@Source Partner partner,
            @DefaultValue("20") @Description("Page size, 1-100.") Integer first,
            @Description("Continue behind this cursor (an `endCursor` or edge `cursor` of the same orderBy).") String after,
            @Description("Only reviews that match every condition.") ReviewFilter filter,
            @DefaultValue("NEWEST") @Description("The order of the list.") ReviewOrder orderBy) {
        PageRequest request = reviews.request(first, after, filter, orderBy, Nested.selectedAt(NODES));
        ReviewConnection loaded = partnerPages.loaded(partner, request);
        return loaded != null ? Uni.createFrom().item(loaded) : pageBatcher.load(new ReviewService.PartnerPage(partner, request));
    }

    @Name("totalCount")
    @Description("How many reviews match the filter, over all pages.")
    public Uni<@NonNull Integer> totalCount(@Source ReviewConnection connection) {
        return countBatcher.load(connection).map(Long::intValue);
    }

    @NonNull
    @Name("revisions")
    @Description("The customer's new overall scores after re-reviews, oldest first; empty when never revised.")
    public Uni<List<@NonNull Revision>> revisions(@Source Review review) {
        return revisionBatcher.load(review);
    }

    // Here, not in partner/: the review package uses the partner package, never the other way round.
    @NonNull
    @Name("partner")
    @Description("The partner that the review is about.")
    public Uni<Partner> partner(@Source Review review) {
        return partnerBatcher.load(review.partnerKey());
    }

    @io.smallrye.graphql.api.Deprecated(reason = "Use sellerView { orderNumber }: null without an error for other callers.")
    @Name("orderNumber")
    @Description("Deprecated: use sellerView { orderNumber }, which is null without an error for other callers. The review's partner or an "
            + "administrator: the order the review is about (bestelnummer). FORBIDDEN for others.")
    public Uni<String> orderNumber(@Source Review review) {
        return reviews.orderNumber(review);
    }

    @Name("sellerView")
    @Description("What only the review's partner and the platform's administrators see (order number, customer mails, re-review, "
            + "exclusions); null for anyone else, without an error, so that a shared fragment never fails a public page.")
    public ReviewSellerView sellerView(@Source Review review) {
        return reviews.sellerView(review);
    }

    @NonNull
    @Name("orderNumber")
    @Description("The order the review is about (bestelnummer).")
    public Uni<String> sellerOrderNumber(@Source ReviewSellerView view) {
        return reviews.orderNumber(view.review());
    }

    @Name("reply")
    @Description("The partner's public reply, if any.")
    public Uni<Reply> reply(@Source Review review) {
        return replyBatcher.load(review);
    }
}
