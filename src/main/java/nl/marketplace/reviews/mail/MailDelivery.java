package nl.marketplace.reviews.mail;

import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.graphql.ServiceUnavailable;
import nl.marketplace.reviews.observability.Spans;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * Sends the outbox. A run's senders ({@code parallel-sends}) each claim one due mail at a time, with
 * a lease of its own (claimed_until; FOR UPDATE SKIP LOCKED), send it within a bounded time and mark
 * it sent, for as long as the run's budget lasts; senders and instances that run at the same moment
 * take different mails, and a slow SMTP
 * server can never outlast the lease of a mail still waiting its turn (a batch-wide lease did, and
 * another instance then sent those mails again). A failure schedules a retry with exponential
 * back-off; after max-attempts failures the mail is parked (failed_at, with the reason), logged and
 * counted instead of retried for ever. An SMTP outage delays mail and loses none.
 *
 * <p>The one case that can send a mail twice: the SMTP server accepts it after the send timeout (or
 * this instance dies between the server's acceptance and marking it sent); it is then sent again.
 */
@ApplicationScoped
public class MailDelivery {

    /** The scheduled job's identity (tests pause it by this name). */
    public static final String JOB = "mail-delivery";

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");

    @ConfigMapping(prefix = "reviews.mail")
    public interface Config extends CheckedSettings {
        /** How many mails an instance sends at the same moment (each with its own lease and timeout). */
        @WithDefault("8")
        int parallelSends();

        /** How long one run goes on claiming mails; mails claimed before its end are sent. */
        @WithDefault("60s")
        Duration runBudget();

        /** How long the claim of one mail holds; longer than send-timeout. */
        @WithDefault("120s")
        Duration lease();

        /** How long one mail may take the SMTP server (connect, talk, accept); then it counts as failed. */
        @WithDefault("30s")
        Duration sendTimeout();

        /** After this many failed attempts a mail is parked instead of retried. */
        @WithDefault("10")
        int maxAttempts();

        /** The first retry's delay; each further failure doubles it, up to maxBackoff. */
        @WithDefault("10s")
        Duration backoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** 32 random bytes in base64 that seal the links of mails waiting to be sent (LinkSealer); required. */
        Optional<String> linkKey();

        /** How long a sent or parked mail keeps its body, subject and address (MailRetention); then they are removed. */
        @WithDefault("30d")
        Duration bodyRetention();

        /** How long the row of a sent or parked mail is kept at all (MailRetention); then it is deleted. */
        @WithDefault("90d")
        Duration retention();

        /** How often the job looks for due mails (read by @Scheduled). */
        @WithDefault("5s")
        Duration deliveryInterval();

        @Override
        default void check(Checks checks) {
            checks.between("reviews.mail.parallel-sends", parallelSends(), 1, 64);
            int pool = Integer.parseInt(checks.valueOr("quarkus.mailer.max-pool-size", "10").strip());
            checks.require(parallelSends() <= pool, "reviews.mail.parallel-sends", parallelSends(),
                    "at most quarkus.mailer.max-pool-size (" + pool + "): a send waiting for an SMTP connection would time out");
            checks.positive("reviews.mail.run-budget", runBudget());
            checks.positive("reviews.mail.lease", lease());
            checks.positive("reviews.mail.send-timeout", sendTimeout());
            // A send that outlasts its lease lets another run claim the mail and send it again.
            checks.shorter("reviews.mail.send-timeout", sendTimeout(), "reviews.mail.lease", lease());
            checks.between("reviews.mail.max-attempts", maxAttempts(), 1, 100);
            checks.positive("reviews.mail.backoff", backoff());
            checks.notShorter("reviews.mail.max-backoff", maxBackoff(), "reviews.mail.backoff", backoff());
            String keyProblem = LinkSealer.keyProblem(linkKey());
            checks.requireSecret(keyProblem == null, "reviews.mail.link-key (MAIL_LINK_KEY)",
                    "32 random bytes in base64, the same on every instance (openssl rand -base64 32)" + (keyProblem == null ? "" : "; " + keyProblem));
            checks.positive("reviews.mail.body-retention", bodyRetention());
            checks.notShorter("reviews.mail.retention", retention(), "reviews.mail.body-retention", bodyRetention());
            checks.positive("reviews.mail.delivery-interval", deliveryInterval());
        }
    }

    public static final String CLAIM_ONE = """
            UPDATE outbox_mail SET claimed_until = now() + make_interval(secs => $1), attempts = attempts + 1
            WHERE id = (SELECT id FROM outbox_mail
                        WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                          AND (claimed_until IS NULL OR claimed_until < now())
                          -- A parked mail whose body retention removed its body and address, then given
                          -- another try by clearing failed_at, would go out empty: it is never claimed.
                          AND body_removed_at IS NULL
                        ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, subject, text_body, html_body, link_secret, attempts""";

    private final Db db;
    private final Tracer tracer;
    private final ReactiveMailer mailer;
    private final LinkSealer sealer;
    private final Config config;
    private final Counter sent;
    private final Counter failed;
    private final Counter parked;
    private final Counter runCounter;
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean stopping;

    public MailDelivery(Db db, ReactiveMailer mailer, LinkSealer sealer, Config config, MeterRegistry registry, Tracer tracer) {
        this.db = db;
        this.tracer = tracer;
        this.sealer = sealer;
        this.mailer = mailer;
        this.config = config;
        this.sent = Counter.builder("mail.sent").description("Mails the SMTP server accepted").register(registry);
        this.failed = Counter.builder("mail.failed").description("Attempts to send a mail that failed (it is retried)")
                .register(registry);
        this.parked = Counter.builder("mail.parked").description("Mails given up after max-attempts failures (failed_at set)")
                .register(registry);
        this.runCounter = Counter.builder("mail.delivery.runs").description("Runs of the mail delivery job that ended")
                .register(registry);
    }

    /** On shutdown: claim no more mails; mails being sent finish (quarkus.shutdown.timeout). */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = JOB, every = "${reviews.mail.delivery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliver().replaceWithVoid();
    }

    /**
     * One run: {@code parallel-sends} senders each claim a due mail, send it and mark it, and claim the
     * next, until none is due, the run's budget is spent or the service stops. Returns how many were
     * sent. However long the SMTP server takes, each mail's claim is its own (a lease per mail).
     */
    public Uni<Integer> deliver() {
        long until = System.nanoTime() + config.runBudget().toNanos();
        AtomicInteger sentInRun = new AtomicInteger();
        List<Uni<Void>> senders = new ArrayList<>();
        for (int i = 0; i < config.parallelSends(); i++) {
            senders.add(sendUntilDone(until, sentInRun));
        }
        return Uni.join().all(senders).andCollectFailures()
                .onTermination().invoke(() -> {
                    runs.incrementAndGet();
                    runCounter.increment();
                })
                .map(ignored -> sentInRun.get());
    }

    /** How many runs of the job have ended on this instance (tests wait for one after the work they check). */
    public long completedRuns() {
        return runs.get();
    }

    private Uni<Void> sendUntilDone(long until, AtomicInteger sentInRun) {
        if (stopping || System.nanoTime() - until > 0) {
            return Uni.createFrom().voidItem();
        }
        return db.query(CLAIM_ONE, Tuple.of((double) config.lease().toSeconds()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().voidItem()
                        : send(rows.iterator().next()).chain(ok -> {
                            if (ok) {
                                sentInRun.incrementAndGet();
                            }
                            return sendUntilDone(until, sentInRun);
                        }));
    }

    private Uni<Boolean> send(Row row) {
        long claimedAt = System.nanoTime();
        long id = row.getLong("id");
        int attempts = row.getInteger("attempts");
        String text = row.getString("text_body");
        String html = row.getString("html_body");
        Buffer secret = row.getBuffer("link_secret");
        if (secret != null) {
            try {
                String token = sealer.open(secret.getBytes());
                text = LinkSealer.completed(text, token);
                html = LinkSealer.completed(html, token);
            } catch (GeneralSecurityException e) {
                // Sealed with another reviews.mail.link-key: its link cannot be made again. Trying later won't help.
                parked.increment();
                LOG.errorf("Mail %d parked: its link was sealed with another reviews.mail.link-key", id);
                return db.query("UPDATE outbox_mail SET claimed_until = NULL, failed_at = now(), last_error = $2 WHERE id = $1",
                        Tuple.of(id, "its link was sealed with another reviews.mail.link-key; the link cannot be made again"))
                        .replaceWith(false);
            }
        }
        Mail mail = Mail.withText(row.getString("recipient"), row.getString("subject"), text).setHtml(html);
        return Spans.around(tracer, "smtp send", SpanKind.CLIENT, () -> mailer.send(mail)
                // The reactive mailer has no read timeout of its own: a server that stops answering would hold the run.
                .ifNoItem().after(config.sendTimeout())
                .failWith(() -> new TimeoutException("the SMTP server did not accept the mail within " + config.sendTimeout())))
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> failed(id, attempts, failure).replaceWith(false))
                .chain(accepted -> accepted ? markSent(id, claimedAt) : Uni.createFrom().item(false));
    }

    /**
     * The SMTP server has the mail: record it. If the database is away just now, keep trying while the
     * claim holds, so that the mail is not claimed and sent again once the database is back.
     */
    private Uni<Boolean> markSent(long id, long claimedAtNanos) {
        // Until shortly before the lease ends, counted from the claim (the send took part of it already).
        long leaseLeftMillis = config.lease().toMillis() - (System.nanoTime() - claimedAtNanos) / 1_000_000 - 2_000;
        // The link's token goes with it: a sent mail keeps no working link.
        return db.query("UPDATE outbox_mail SET sent_at = now(), claimed_until = NULL, last_error = NULL, link_secret = NULL "
                + "WHERE id = $1", Tuple.of(id))
                .onFailure(ServiceUnavailable::isCause).retry().withBackOff(Duration.ofMillis(250), Duration.ofSeconds(5))
                .expireIn(Math.max(1, leaseLeftMillis))
                .invoke(() -> sent.increment())
                .replaceWith(true)
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf("Mail %d was sent but could not be marked sent (%s): it may be sent again after its lease", id,
                            failure.getMessage());
                    return false;
                });
    }

    /** Retries later with back-off, or parks the mail after max-attempts. */
    private Uni<?> failed(long id, int attempts, Throwable failure) {
        failed.increment();
        // The recipient is personal data: log the mail's id, and the SMTP server's answer without
        // any address in it (servers quote the recipient when they refuse it); store it so too.
        String reason = redacted(String.valueOf(failure.getMessage()));
        if (attempts >= config.maxAttempts()) {
            parked.increment();
            LOG.errorf("Mail %d parked after %d failed attempts (failed_at set; clear it to retry): %s", id, attempts, reason);
            return db.query("UPDATE outbox_mail SET claimed_until = NULL, last_error = $2, failed_at = now() "
                    + "WHERE id = $1 AND attempts = $3", Tuple.of(id, reason, attempts));
        }
        Duration delay = backoff(attempts);
        LOG.warnf("Mail %d not sent (attempt %d of %d), retrying in %s: %s", id, attempts, config.maxAttempts(), delay, reason);
        // "AND attempts": a failure that comes after the lease ran out and another run claimed the
        // mail again must not clear that run's claim.
        return db.query("UPDATE outbox_mail SET claimed_until = NULL, last_error = $2, "
                + "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND attempts = $4",
                Tuple.of(id, reason, (double) delay.toSeconds(), attempts));
    }

    static String redacted(String message) {
        return message == null ? null : EMAIL.matcher(message).replaceAll("<address>");
    }

    public Duration backoff(int attempts) {
        return backoff(config.backoff(), config.maxBackoff(), attempts);
    }

    /** The wait after the {@code attempts}-th failure: {@code first}, doubled with each further failure, at most {@code max}. */
    static Duration backoff(Duration first, Duration max, int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = first.multipliedBy(factor);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
