package nl.marketplace.reviews.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.graphql.GlobalId;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.Texts;
import nl.marketplace.reviews.graphql.UserErrorCode;
import nl.marketplace.reviews.mail.MailKind;
import nl.marketplace.reviews.mail.MailOutbox;
import nl.marketplace.reviews.partner.Partner;
import nl.marketplace.reviews.review.Classification;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.review.Review;
import nl.marketplace.reviews.security.CallerService;
import nl.marketplace.reviews.security.ForbiddenException;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.time.BusinessTime;

/**
 * A mail to the partner when a negative review, or a revision to a negative score, arrives: at once
 * or in one daily digest at the partner's hour (Europe/Amsterdam). The job reads the partner's
 * review events (V4) after the setting's last_seq and holds the setting's row while it works, so
 * each event is looked at once across instances, and the mail goes through the outbox in the same
 * transaction (sent, retried and parked like every mail). A digest is at most one a day (alert_digest).
 */
@ApplicationScoped
public class AlertService {

    /** Partners per transaction of the job. */
    static final int BATCH = 100;
    /** Days of digest marks kept (one is needed: today's). */
    static final int DIGEST_RETENTION_DAYS = 7;
    private static final Set<String> LANGUAGES = Set.of("nl", "en");

    @ConfigMapping(prefix = "reviews.alerts")
    public interface Config extends CheckedSettings {
        /** How often the job looks for new negative reviews and due digests. */
        @WithDefault("30s")
        Duration interval();

        /** The dashboard the mail links to; the link adds ?review=<id>. */
        @WithDefault("https://partner.marketplace.example/dashboard/")
        String dashboardUrl();

        @Override
        default void check(Checks checks) {
            checks.positive("reviews.alerts.interval", interval());
            checks.pageUrl("reviews.alerts.dashboard-url", dashboardUrl());
        }
    }

    /** What one run did: mails put in the outbox, alerts left waiting for a digest. */
    public record Run(int mails, int waiting) {
    }

    private final AlertRepository alerts;
    private final MailOutbox outbox;
    private final Classifier classifier;
    private final CallerService callers;
    private final Config config;
    private final Clock clock;

    public AlertService(AlertRepository alerts, MailOutbox outbox, Classifier classifier, CallerService callers, Config config, Clock clock) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.classifier = classifier;
        this.callers = callers;
        this.config = config;
        this.clock = clock;
    }

    /** The partner's setting (null: none) for the partner and administrators; FORBIDDEN for others. */
    public Uni<NegativeReviewAlert> get(Partner partner) {
        if (!callers.current().mayRead(partner.key())) {
            throw new ForbiddenException(callers.current().signedIn() ? "This is another partner's setting" : "Sign in as the partner");
        }
        return alerts.find(partner.key());
    }

    /** The partner itself only (FORBIDDEN otherwise); INVALID userErrors name the field, and then nothing changes. */
    public Uni<Outcome<NegativeReviewAlert>> set(long partnerKey, SetNegativeReviewAlertInput input) {
        if (!callers.current().isPartner(partnerKey)) {
            throw new ForbiddenException(callers.current().admin() ? "Only the partner sets its alerts, not an administrator"
                    : "Sign in as the partner");
        }
        if (input.frequency() == AlertFrequency.OFF) {
            return alerts.delete(partnerKey).replaceWith(Outcome.ok(null));
        }
        String email = Texts.trimmed(input.email());
        if (email == null || Texts.emailProblem(email) != null) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The mail address is missing or not an email address", "input",
                    "email"));
        }
        int hour = input.digestHour() == null ? 8 : input.digestHour();
        if (hour < 0 || hour > 23) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The digest hour must be 0 to 23", "input", "digestHour"));
        }
        String language = input.language() == null ? "nl" : input.language();
        if (!LANGUAGES.contains(language)) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, "The language must be nl or en", "input", "language"));
        }
        NegativeReviewAlert alert = new NegativeReviewAlert(input.frequency(), email, hour, language);
        return alerts.save(partnerKey, alert, OffsetDateTime.now(clock)).replaceWith(Outcome.ok(alert));
    }

    /** Looks at new events and mails what is due, batch by batch, until nothing is left. */
    public Uni<Run> run() {
        return step(new Run(0, 0)).chain(run -> alerts.pruneDigests(BusinessTime.today(clock).minusDays(DIGEST_RETENTION_DAYS))
                .replaceWith(run));
    }

    private Uni<Run> step(Run sofar) {
        return collect().chain(collected -> mailDue().chain(mailed -> {
            Run run = new Run(sofar.mails() + collected.mails() + mailed.mails(), sofar.waiting() + collected.waiting());
            // A full batch may have left partners behind (whether or not it found anything to mail); each batch moves on.
            boolean more = collected.held() == BATCH || mailed.held() == BATCH;
            return more ? step(run) : Uni.createFrom().item(run);
        }));
    }

    private record Step(int mails, int waiting, int held) {
    }

    /** One transaction: partners with new events; IMMEDIATE ones get a mail, digests' negatives wait. */
    Uni<Step> collect() {
        return alerts.pool().withTransaction(conn -> AlertRepository.hold(conn, AlertRepository.WITH_NEW_EVENTS, Tuple.of(BATCH))
                .chain(held -> held.isEmpty() ? Uni.createFrom().item(new Step(0, 0, 0))
                        : AlertRepository.events(conn, AlertRepository.EVENTS, Tuple.of(held.stream().map(AlertRepository.Held::partnerKey)
                                .toArray(Long[]::new), held.stream().map(AlertRepository.Held::afterSeq).toArray(Long[]::new),
                                held.stream().map(AlertRepository.Held::upTo).toArray(Long[]::new)))
                                .chain(events -> {
                                    Map<Long, List<AlertRepository.Event>> negative = negative(events);
                                    List<AlertRepository.Held> immediate = held.stream()
                                            .filter(h -> h.frequency() == AlertFrequency.IMMEDIATE && negative.containsKey(h.partnerKey())).toList();
                                    List<AlertRepository.Event> waiting = held.stream().filter(h -> h.frequency() == AlertFrequency.DAILY_DIGEST)
                                            .flatMap(h -> negative.getOrDefault(h.partnerKey(), List.of()).stream()).toList();
                                    return mail(conn, immediate, negative, false)
                                            .chain(() -> AlertRepository.wait(conn, waiting))
                                            .chain(() -> AlertRepository.lookedAt(conn, held))
                                            .replaceWith(new Step(immediate.size(), waiting.size(), held.size()));
                                })));
    }

    /** One transaction: partners whose waiting alerts are due get one mail each (a digest: one a day). */
    Uni<Step> mailDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDate today = BusinessTime.day(now);
        Tuple args = Tuple.of(BusinessTime.hour(now), today, BATCH);
        return alerts.pool().withTransaction(conn -> AlertRepository.hold(conn, AlertRepository.DUE, args)
                .chain(held -> held.isEmpty() ? Uni.createFrom().item(new Step(0, 0, 0))
                        : AlertRepository.events(conn, AlertRepository.WAITING, Tuple.of(held.stream().map(AlertRepository.Held::partnerKey)
                                .toArray(Long[]::new))).chain(events -> {
                                    Map<Long, List<AlertRepository.Event>> byPartner = new LinkedHashMap<>();
                                    events.forEach(e -> byPartner.computeIfAbsent(e.partnerKey(), k -> new ArrayList<>()).add(e));
                                    List<Long> digests = held.stream().filter(h -> h.frequency() == AlertFrequency.DAILY_DIGEST)
                                            .map(AlertRepository.Held::partnerKey).toList();
                                    List<Long> partners = held.stream().map(AlertRepository.Held::partnerKey).toList();
                                    return mail(conn, held, byPartner, true).chain(() -> AlertRepository.mailed(conn, digests, partners, today))
                                            .replaceWith(new Step(held.size(), 0, held.size()));
                                })));
    }

    /** The events that are negative: a new review by its own score, a revision by the score it gave. */
    private Map<Long, List<AlertRepository.Event>> negative(List<AlertRepository.Event> events) {
        int highestNegative = classifier.highest(Classification.NEGATIVE);
        Map<Long, List<AlertRepository.Event>> byPartner = new HashMap<>();
        for (AlertRepository.Event e : events) {
            int overall = e.type().equals("NEW_REVIEW") ? e.originalOverall() : e.overall();
            if (overall <= highestNegative) {
                byPartner.computeIfAbsent(e.partnerKey(), k -> new ArrayList<>()).add(e);
            }
        }
        return byPartner;
    }

    private Uni<Void> mail(SqlConnection conn, List<AlertRepository.Held> to, Map<Long, List<AlertRepository.Event>> events, boolean digest) {
        List<MailOutbox.Rendered> mails = new ArrayList<>();
        for (AlertRepository.Held h : to) {
            List<Map<String, Object>> reviews = new ArrayList<>();
            for (AlertRepository.Event e : events.getOrDefault(h.partnerKey(), List.of())) {
                Map<String, Object> review = new HashMap<>();
                review.put("revision", e.type().equals("REVISION"));
                review.put("overall", e.type().equals("NEW_REVIEW") ? e.originalOverall() : e.overall());
                review.put("authorName", e.authorName());
                review.put("cons", e.cons() == null ? "" : e.cons());
                review.put("day", BusinessTime.mailDay(e.at()));
                review.put("url", config.dashboardUrl() + "?review=" + GlobalId.encode(Review.TYPE, e.reviewKey()));
                reviews.add(review);
            }
            if (reviews.isEmpty()) {
                continue;
            }
            Map<String, Object> data = new HashMap<>();
            data.put("partnerName", h.partnerName());
            data.put("reviews", reviews);
            data.put("digest", digest && h.frequency() == AlertFrequency.DAILY_DIGEST);
            mails.add(outbox.render(MailKind.NEGATIVE_REVIEW_ALERT, h.language(), h.email(), null, data, null));
        }
        return outbox.enqueueAll(conn, mails, OffsetDateTime.now(clock));
    }
}
