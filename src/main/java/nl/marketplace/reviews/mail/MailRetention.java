package nl.marketplace.reviews.mail;

import java.time.Clock;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/**
 * A mail's body is personal data (the customer's name, the partner's message): once the mail is sent,
 * or parked for good, it is kept for {@code reviews.mail.body-retention} (30 days: long enough to
 * answer "what did you send me?") and then blanked. The row stays: it counts for "one platform mail
 * a day" and shows that, when and to whom a mail went.
 */
@ApplicationScoped
public class MailRetention {

    private static final Logger LOG = Logger.getLogger(MailRetention.class);

    private final Db db;
    private final Clock clock;
    private final MailDelivery.Config config;

    public MailRetention(Db db, Clock clock, MailDelivery.Config config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
    }

    @Scheduled(identity = "mail-retention", every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return removeOldBodies().replaceWithVoid();
    }

    /** Blanks the bodies of mails sent or parked more than body-retention ago (any instance may run it). Returns how many. */
    public Uni<Integer> removeOldBodies() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return db.query("""
                UPDATE outbox_mail SET text_body = '', html_body = NULL, link_secret = NULL, body_removed_at = $2
                WHERE body_removed_at IS NULL AND coalesce(sent_at, failed_at) < $1""",
                Tuple.of(now.minus(config.bodyRetention()), now))
                .map(rows -> rows.rowCount())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Removed the bodies of %d mails sent or parked more than %s ago", n, config.bodyRetention());
                    }
                });
    }
}
