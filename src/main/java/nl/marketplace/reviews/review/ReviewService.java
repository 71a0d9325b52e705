package nl.marketplace.reviews.review;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.Batcher;
import nl.marketplace.reviews.security.CallerService;
import nl.marketplace.reviews.graphql.NotFoundException;
import nl.marketplace.reviews.graphql.PageInfo;
import nl.marketplace.reviews.graphql.Arguments;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.partner.PartnerService;
import nl.marketplace.reviews.partner.VersionedCache;

/** Reading reviews: validation of filters and paging, and the batch shapes GraphQL needs. */
@ApplicationScoped
public class ReviewService {

    private final ReviewRepository reviews;
    private final Classifier classifier;
    private final ReviewTopics topics;
    private final CallerService callers;
    private final Batcher<Long, String> orderNumberBatcher;

    public ReviewService(ReviewRepository reviews, Classifier classifier, ReviewTopics topics, CallerService callers) {
        this.reviews = reviews;
        this.classifier = classifier;
        this.topics = topics;
        this.callers = callers;
        this.orderNumberBatcher = new Batcher<>("review-order-number", this::orderNumbers);
    }

    /** The review, or NOT_FOUND. */
    public Uni<Review> get(long key) {
        return get(key, Nested.NONE);
    }

    /** The review with the nested fields asked for, or NOT_FOUND. */
    public Uni<Review> get(long key, Nested nested) {
        return reviews.findByKeys(List.of(key), nested).map(found -> {
            Review review = found.get(key);
            if (review == null) {
                throw new NotFoundException("No review with this id");
            }
            return review;
        });
    }

    public Uni<Revision> revision(long key) {
        return reviews.revisionsByKeys(List.of(key)).map(found -> {
            Revision revision = found.get(key);
            if (revision == null) {
                throw new NotFoundException("No revision with this id");
            }
            return revision;
        });
    }

    /** The arguments of a page request, validated; BAD_USER_INPUT names the first bad one. */
    public PageRequest request(Integer first, String after, ReviewFilter filter, ReviewOrder orderBy, Nested nested) {
        int size = Arguments.first(first);
        ReviewOrder order = orderBy == null ? ReviewOrder.NEWEST : orderBy;
        ReviewCursor cursor = after == null ? null : ReviewCursor.decode(after, order);
        return new PageRequest(size, cursor, criteria(filter), order, nested);
    }

    /** One page of reviews for each partner, in the order of the partners; one statement in all. */
    public Uni<List<ReviewConnection>> pages(List<Partner> partners, PageRequest request) {
        List<Long> partnerKeys = partners.stream().map(Partner::key).toList();
        return pageRows(partnerKeys, request)
                .map(found -> {
                    List<ReviewConnection> result = new ArrayList<>(partners.size());
                    for (Partner partner : partners) {
                        ReviewRepository.PartnerRows rows = found.get(partner.key());
                        result.add(connection(partner, rows == null ? List.of() : rows.reviews(), request));
                    }
                    return result;
                });
    }

    /**
     * The partner and its page in one statement (the page's statement reads the partner's row for its
     * version anyway), so that a partner with its page below it costs no statement of its own;
     * NOT_FOUND when there is no such partner.
     */
    public Uni<PartnerPage.Loaded> partnerWithPage(long partnerKey, PageRequest request) {
        return pageRows(List.of(partnerKey), request)
                .map(found -> {
                    ReviewRepository.PartnerRows rows = found.get(partnerKey);
                    Partner partner = PartnerService.found(rows == null ? null : rows.partner());
                    return new PartnerPage.Loaded(partner, connection(partner, rows.reviews(), request));
                });
    }

    /** The rows of a page for each partner: one more than the page holds, to know whether there is a next page. */
    private Uni<Map<Long, ReviewRepository.PartnerRows>> pageRows(List<Long> partnerKeys, PageRequest request) {
        return reviews.page(partnerKeys, request.criteria(), request.order(), request.after(), request.size() + 1, request.nested());
    }

    /** The connection of a partner's rows of a page: a row more than the page holds says that there is a next page. */
    private static ReviewConnection connection(Partner partner, List<Review> rows, PageRequest request) {
        int size = request.size();
        ReviewOrder order = request.order();
        List<Review> nodes = rows.size() > size ? rows.subList(0, size) : rows;
        List<ReviewEdge> edges = nodes.stream().map(r -> new ReviewEdge(ReviewCursor.encode(order, r), r)).toList();
        PageInfo pageInfo = new PageInfo(rows.size() > size, request.after() != null,
                edges.isEmpty() ? null : edges.get(0).cursor(),
                edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor());
        return new ReviewConnection(edges, List.copyOf(nodes), pageInfo, partner.key(), partner.scoreVersion(), request.criteria());
    }

    /** The pages of many (partner, request) pairs: one statement per distinct request. */
    public Uni<Map<PartnerPage, ReviewConnection>> pagesFor(List<PartnerPage> wanted) {
        return Batcher.perGroup(wanted, PartnerPage::request, PartnerPage::partner, (request, partners) -> pages(partners, request));
    }

    /** A page request for one partner: the key of a batched page load. */
    public record PartnerPage(Partner partner, PageRequest request) {

        /** A partner and its page, loaded in one statement. */
        public record Loaded(Partner partner, ReviewConnection page) {
        }
    }

    /** A count of one partner's reviews that match: the key of a computed count. */
    private record CountKey(long partnerKey, ReviewCriteria criteria) {
    }

    private final VersionedCache<CountKey, Long> computedCounts = new VersionedCache<>("review-counts", 100_000);
    /** Counts of filters with moments in them: chosen by clients, kept apart (a crawler evicts only its own). */
    private final VersionedCache<CountKey, Long> computedCountsBetween = new VersionedCache<>("review-counts-between", 10_000);

    /**
     * The total count of each connection: counts computed before at the partner's score version,
     * the others in one statement per distinct filter among them. Filters on revisions or replies are
     * always counted, since those rows do not change the score version.
     */
    public Uni<Map<ReviewConnection, Long>> totalCounts(List<ReviewConnection> connections) {
        Map<ReviewConnection, Long> known = new IdentityHashMap<>();
        List<ReviewConnection> between = connections.stream().filter(ReviewService::betweenMoments).toList();
        List<ReviewConnection> plain = connections.stream().filter(c -> !betweenMoments(c)).toList();
        return computedCounts.getOrLoad(plain, known, ReviewService::countKeyIfCountable, ReviewConnection::scoreVersion, this::count)
                .chain(() -> computedCountsBetween.getOrLoad(between, known, ReviewService::countKeyIfCountable, ReviewConnection::scoreVersion,
                        this::count));
    }

    private static boolean betweenMoments(ReviewConnection connection) {
        return connection.criteria().createdFrom() != null || connection.criteria().createdBefore() != null;
    }

    private static CountKey countKeyIfCountable(ReviewConnection connection) {
        return countable(connection.criteria()) ? countKey(connection) : null;
    }

    private Uni<Map<ReviewConnection, VersionedCache.Computed<Long>>> count(List<ReviewConnection> missing) {
        return Batcher.perGroup(missing, ReviewConnection::criteria, ReviewConnection::partnerKey,
                (criteria, partners) -> reviews.count(partners, criteria).map(counts -> partners.stream().map(counts::get).toList()));
    }

    /** The review's private part for its partner and administrators; null (no error) for anyone else. */
    public ReviewSellerView sellerView(Review review) {
        return callers.current().mayRead(review.partnerKey()) ? new ReviewSellerView(review) : null;
    }

    /** The review's partner or an administrator: the order the review is about. */
    public Uni<String> orderNumber(Review review) {
        callers.current().requireReader(review.partnerKey());
        return orderNumberBatcher.load(review.key());
    }

    private static boolean countable(ReviewCriteria criteria) {
        // A search matches revision comments, and searches are too many to keep.
        return criteria.revised() == null && criteria.replied() == null && criteria.words() == null;
    }

    private static CountKey countKey(ReviewConnection connection) {
        return new CountKey(connection.partnerKey(), connection.criteria());
    }

    /**
     * The revisions of each review, oldest first, in the order of the reviews. (Reviews loaded with
     * their revisions never come here: LoadedFieldFetchers answers them.)
     */
    public Uni<List<List<Revision>>> revisions(List<Review> of) {
        return reviews.revisions(keys(of)).map(found -> of.stream()
                .map(r -> found.getOrDefault(r.key(), List.of())).toList());
    }

    /** The reply of each review, or null, in the order of the reviews (see {@link #revisions}). */
    public Uni<List<Reply>> replies(List<Review> of) {
        return reviews.replies(keys(of)).map(found -> of.stream().map(r -> found.get(r.key())).toList());
    }

    /** The order numbers of reviews, by review key. */
    public Uni<Map<Long, String>> orderNumbers(List<Long> reviewKeys) {
        return reviews.orderNumbers(reviewKeys);
    }

    private static List<Long> keys(List<Review> of) {
        return of.stream().map(Review::key).distinct().toList();
    }

    /** The filter in database terms, or BAD_USER_INPUT naming the offending field. */
    ReviewCriteria criteria(ReviewFilter filter) {
        if (filter == null) {
            return new ReviewCriteria(1, 10, null, false, null, null, null, null, null, null, null);
        }
        int min = score(filter.overallMin(), "filter.overallMin", 1);
        int max = score(filter.overallMax(), "filter.overallMax", 10);
        if (min > max) {
            throw new BadUserInputException("filter.overallMax", "must not be below overallMin");
        }
        if (filter.classification() != null) {
            min = Math.max(min, classifier.lowest(filter.classification()));
            max = Math.min(max, classifier.highest(filter.classification()));
        }
        SubScoreAtMost sub = filter.subScoreAtMost();
        Integer subMax = sub == null ? null : score(sub.value(), "filter.subScoreAtMost.value", 0);
        Arguments.moment(filter.createdFrom(), "filter.createdFrom");
        Arguments.moment(filter.createdBefore(), "filter.createdBefore");
        if (filter.createdFrom() != null && filter.createdBefore() != null
                && !filter.createdFrom().isBefore(filter.createdBefore())) {
            throw new BadUserInputException("filter.createdBefore", "must be later than createdFrom");
        }
        return new ReviewCriteria(min, max, sub == null ? null : sub.category(), sub != null && sub.category() == null,
                subMax, filter.revised(), filter.replied(), filter.createdFrom(), filter.createdBefore(),
                ReviewSearch.words(filter.text(), "filter.text"), filter.topic() == null ? null : topics.words(filter.topic(), "filter.topic"));
    }

    private static int score(Integer value, String argument, int absent) {
        if (value == null) {
            return absent;
        }
        if (value < 1 || value > 10) {
            throw new BadUserInputException(argument, "must be between 1 and 10, was " + value);
        }
        return value;
    }
}
