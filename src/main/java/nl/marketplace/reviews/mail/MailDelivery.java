package nl.marketplace.reviews.mail;

import java.time.Duration;

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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/**
 * Sends the outbox. Each run claims a batch of due mails with one statement (FOR UPDATE SKIP
 * LOCKED, and a lease in claimed_until), so instances that run at the same moment take different
 * mails; a mail is marked sent only after the SMTP server accepted it, and a failure schedules a
 * retry with exponential back-off. An SMTP outage delays mail and loses none.
 *
 * <p>The one case that can send a mail twice: the SMTP server accepts it and this instance dies
 * before it marks it sent; the lease then runs out and another instance sends it again.
 */
@ApplicationScoped
public class MailDelivery {

    /** The scheduled job's identity (tests pause it by this name). */
    public static final String JOB = "mail-delivery";

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");

    @ConfigMapping(prefix = "reviews.mail")
    public interface Config {
        /** How many mails one run claims. */
        @WithDefault("20")
        int batchSize();

        /** How long a claim holds; longer than the mailer's own timeouts. */
        @WithDefault("120s")
        Duration lease();

        /** The first retry's delay; each further failure doubles it, up to maxBackoff. */
        @WithDefault("10s")
        Duration backoff();

        @WithDefault("1h")
        Duration maxBackoff();

        /** How often the job looks for due mails (read by @Scheduled). */
        @WithDefault("5s")
        String deliveryInterval();
    }

    private static final String CLAIM = """
            UPDATE outbox_mail SET claimed_until = now() + make_interval(secs => $2), attempts = attempts + 1
            WHERE id IN (SELECT id FROM outbox_mail
                         WHERE sent_at IS NULL AND next_attempt_at <= now()
                           AND (claimed_until IS NULL OR claimed_until < now())
                         ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED)
            RETURNING id, recipient, subject, text_body, html_body, attempts""";

    private final Db db;
    private final ReactiveMailer mailer;
    private final Config config;
    private final Counter sent;
    private final Counter failed;
    private volatile boolean stopping;

    public MailDelivery(Db db, ReactiveMailer mailer, Config config, MeterRegistry registry) {
        this.db = db;
        this.mailer = mailer;
        this.config = config;
        this.sent = Counter.builder("mail.sent").description("Mails the SMTP server accepted").register(registry);
        this.failed = Counter.builder("mail.failed").description("Attempts to send a mail that failed (it is retried)")
                .register(registry);
    }

    /** On shutdown: claim no more mails; a batch being sent finishes (quarkus.shutdown.timeout). */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(identity = JOB, every = "${reviews.mail.delivery-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return deliver().replaceWithVoid();
    }

    /** One run: claims due mails and sends them one after the other. Returns how many were sent. */
    public Uni<Integer> deliver() {
        if (stopping) {
            return Uni.createFrom().item(0);
        }
        return db.query(CLAIM, Tuple.of(config.batchSize(), (double) config.lease().toSeconds()))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().asList()
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count());
    }

    private Uni<Boolean> send(Row row) {
        long id = row.getLong("id");
        Mail mail = Mail.withText(row.getString("recipient"), row.getString("subject"), row.getString("text_body"))
                .setHtml(row.getString("html_body"));
        return mailer.send(mail)
                .chain(() -> db.query("UPDATE outbox_mail SET sent_at = now(), claimed_until = NULL, last_error = NULL "
                        + "WHERE id = $1", Tuple.of(id)))
                .invoke(() -> sent.increment())
                .replaceWith(true)
                .onFailure().recoverWithUni(failure -> {
                    failed.increment();
                    Duration delay = backoff(row.getInteger("attempts"));
                    // The recipient is personal data: log the mail's id, and the SMTP server's answer
                    // without any address in it (servers quote the recipient when they refuse it).
                    LOG.warnf("Mail %d not sent (attempt %d), retrying in %s: %s", id, row.getInteger("attempts"), delay,
                            redacted(failure.getMessage()));
                    return db.query("UPDATE outbox_mail SET claimed_until = NULL, last_error = $2, "
                            + "next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1",
                            Tuple.of(id, String.valueOf(failure.getMessage()), (double) delay.toSeconds()))
                            .replaceWith(false);
                });
    }

    static String redacted(String message) {
        return message == null ? null : EMAIL.matcher(message).replaceAll("<address>");
    }

    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration delay = config.backoff().multipliedBy(factor);
        return delay.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : delay;
    }
}
