package nl.marketplace.reviews.rereview;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.graphql.ClientSafeErrors;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.review.ReviewSellerView;
import nl.marketplace.reviews.review.ReviewService;

/**
 * E-mail de klant and opnieuw laten beoordelen: the partner's mutations, the customer's
 * submitReReview, and the partner-only fields {@code Review.contacts} and {@code Review.reReview}.
 * The private fields check the caller per review (FORBIDDEN, no data) before they batch the load.
 */
@GraphQLApi
@ClientSafeErrors
public class ReReviewGraphQL {

    private final ReReviewService service;
    private final ReReviewRepository repository;
    private final ReReviewRules rules;
    private final ReviewService reviews;
    private final Clock clock;

    public ReReviewGraphQL(ReReviewService service, ReReviewRepository repository, ReReviewRules rules,
            ReviewService reviews, Clock clock) {
        this.service = service;
        this.repository = repository;
        this.rules = rules;
        this.reviews = reviews;
        this.clock = clock;
    }

    @Mutation("emailCustomer")
    @Description("The review's partner only, never an administrator in its name (FORBIDDEN for anyone else): send the customer of one of its reviews a message through the platform (E-mail de klant). "
            + "The message is kept and mailed; it is what allows requestReReview.")
    public Uni<@NonNull EmailCustomerPayload> emailCustomer(@NonNull @Name("input") EmailCustomerInput input) {
        Long key = GlobalId.keyOrNull(input.reviewId(), Review.TYPE);
        return (key == null ? notFound() : service.emailCustomer(key, input.message())).chain(o -> o.isOk()
                ? Uni.combine().all().unis(reviews.get(o.value()), repository.contacts(List.of(o.value()))).asTuple()
                        .map(t -> new EmailCustomerPayload(t.getItem2().get(o.value()).get(0), t.getItem1(), o.userErrors()))
                : Uni.createFrom().item(new EmailCustomerPayload(null, null, o.userErrors())));
    }

    @Mutation("requestReReview")
    @Description("The review's partner only, never an administrator in its name (FORBIDDEN for anyone else): ask the customer, once per review ever, for a new overall score (opnieuw laten beoordelen). "
            + "Only after emailCustomer, for a review that is not positive and not older than 3 months. The platform "
            + "sends a neutral mail with a single-use link.")
    public Uni<@NonNull RequestReReviewPayload> requestReReview(@NonNull @Name("input") RequestReReviewInput input) {
        Long key = GlobalId.keyOrNull(input.reviewId(), Review.TYPE);
        return (key == null ? notFound() : service.requestReReview(key)).chain(o -> o.isOk()
                ? Uni.combine().all().unis(reviews.get(o.value()), repository.facts(List.of(o.value()))).asTuple()
                        .map(t -> new RequestReReviewPayload(t.getItem1(),
                                rules.state(t.getItem2().get(o.value()), OffsetDateTime.now(clock)), o.userErrors()))
                : Uni.createFrom().item(new RequestReReviewPayload(null, null, o.userErrors())));
    }

    @Mutation("submitReReview")
    @Description("Customer, with the token from the re-review mail (no sign-in): a new overall score and an optional "
            + "comment. It becomes the review's newest revision and counts from now on; a token works once.")
    public Uni<@NonNull SubmitReReviewPayload> submitReReview(@NonNull @Name("input") SubmitReReviewInput input) {
        return service.submitReReview(input.token(), input.overall(), input.comment()).chain(o -> o.isOk()
                ? reviews.revision(o.value()).map(revision -> new SubmitReReviewPayload(revision, o.userErrors()))
                : Uni.createFrom().item(new SubmitReReviewPayload(null, o.userErrors())));
    }

    @io.smallrye.graphql.api.Deprecated(reason = "Use sellerView { customerContacts }: a connection, and null without an error for other callers.")
    @Name("customerContacts")
    @Description("Deprecated: use sellerView { customerContacts }, which is null without an error for other callers. The review's partner "
            + "or an administrator: the messages sent to the customer about this review (E-mail de klant), "
            + "newest first, a page at a time. FORBIDDEN (and null) for others, so the public part of the review still answers.")
    public Uni<CustomerContactConnection> customerContacts(@Source Review review,
            @DefaultValue("20") @Description("Page size, 1-100.") Integer first,
            @Description("Continue behind this cursor (an `endCursor` or edge `cursor`).") String after) {
        return service.customerContacts(review, first, after);
    }

    /** The whole list, from before customerContacts: bounded by reviews.customer-contact.per-review (10), but not a connection. */
    @io.smallrye.graphql.api.Deprecated(reason = "Use sellerView { customerContacts }: null without an error for other callers.")
    @Name("contacts")
    @Description("Deprecated: use sellerView { customerContacts }, a connection. The review's partner or an administrator: the messages sent to the "
            + "customer about this review, newest first. FORBIDDEN for others.")
    public Uni<List<@NonNull CustomerContact>> contacts(@Source Review review) {
        return service.contacts(review);
    }

    @io.smallrye.graphql.api.Deprecated(reason = "Use sellerView { reReview }: null without an error for other callers.")
    @Name("reReview")
    @Description("Deprecated: use sellerView { reReview }, which is null without an error for other callers. The review's partner or an "
            + "administrator: the re-review state (Beoordelingsverzoek verzonden, new score, expired) and whether "
            + "one may be requested now. FORBIDDEN for others.")
    public Uni<ReReview> reReview(@Source Review review) {
        return service.reReview(review);
    }

    @NonNull
    @Name("customerContacts")
    @Description("The messages sent to the customer about this review (E-mail de klant), newest first, a page at a time.")
    public Uni<CustomerContactConnection> sellerCustomerContacts(@Source ReviewSellerView view,
            @DefaultValue("20") @Description("Page size, 1-100.") Integer first,
            @Description("Continue behind this cursor (an `endCursor` or edge `cursor`).") String after) {
        return service.customerContacts(view.review(), first, after);
    }

    @NonNull
    @Name("reReview")
    @Description("The re-review state (Beoordelingsverzoek verzonden, new score, expired) and whether one may be requested now.")
    public Uni<ReReview> sellerReReview(@Source ReviewSellerView view) {
        return service.reReview(view.review());
    }

    @NonNull
    @Name("viewerCanEmailCustomer")
    @Description("Whether the caller may mail the review's customer (emailCustomer): it is the review's partner. The limits per day and "
            + "in all are answered as userErrors.")
    public Boolean viewerCanEmailCustomer(@Source Review review) {
        return service.viewerCanEmailCustomer(review);
    }

    @NonNull
    @Name("viewerCanRequestReReview")
    @Description("Whether requestReReview would be accepted now for the caller: it is the review's partner and the re-review rules allow it "
            + "(sellerView.reReview.ineligibleReason says why not).")
    public Uni<Boolean> viewerCanRequestReReview(@Source Review review) {
        return service.viewerCanRequestReReview(review);
    }

    private static Uni<Outcome<Long>> notFound() {
        return Uni.createFrom().item(Outcome.reviewNotFound());
    }
}
