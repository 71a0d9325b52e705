package nl.marketplace.reviews.mail;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.db.Db;

/**
 * What the outbox keeps, and for how long. A mail's address, subject and body are personal data (the
 * customer's name, the partner's message): once the mail is sent, or parked for good, they are kept
 * for {@code reviews.mail.body-retention} (30 days: long enough to answer "what did you send me, and
 * where?", and to retry a parked mail) and then removed. The row that is left (kind, customer id,
 * when it was made and sent) is deleted after {@code reviews.mail.retention} (90 days). Mails still
 * waiting are never touched. Both steps go in batches of {@value #BATCH} rows, each statement reading
 * only the rows it changes (indexes outbox_mail_retention, outbox_mail_done). Counted on the
 * database's clock, which wrote sent_at and failed_at: a retention is a length of time, not a day of
 * the business calendar.
 */
@ApplicationScoped
public class MailRetention {

    private static final Logger LOG = Logger.getLogger(MailRetention.class);
    public static final int BATCH = 5_000;

    public static final String REMOVE_BODIES = """
            UPDATE outbox_mail SET text_body = '', html_body = NULL, subject = '', recipient = NULL, link_secret = NULL,
                                   body_removed_at = now()
            WHERE id = ANY(ARRAY(SELECT id FROM outbox_mail
                                 WHERE body_removed_at IS NULL AND coalesce(sent_at, failed_at) < now() - make_interval(secs => $1)
                                 ORDER BY coalesce(sent_at, failed_at) LIMIT $2))""";

    public static final String DELETE_ROWS = """
            DELETE FROM outbox_mail
            WHERE id = ANY(ARRAY(SELECT id FROM outbox_mail
                                 WHERE coalesce(sent_at, failed_at) < now() - make_interval(secs => $1)
                                 ORDER BY coalesce(sent_at, failed_at) LIMIT $2))""";

    private final Db db;
    private final MailDelivery.Config config;

    public MailRetention(Db db, MailDelivery.Config config) {
        this.db = db;
        this.config = config;
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "mail-retention", every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return removeOldBodies().chain(this::deleteOldRows).replaceWithVoid();
    }

    /** Blanks body, subject and address of mails sent or parked more than body-retention ago (any instance may run it). Returns how many. */
    public Uni<Integer> removeOldBodies() {
        return inBatches(Tuple.of((double) config.bodyRetention().toSeconds(), BATCH), REMOVE_BODIES, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("Removed the bodies and addresses of %d mails sent or parked more than %s ago", n, config.bodyRetention());
            }
        });
    }

    /** Deletes the rows of mails sent or parked more than retention ago. Returns how many. */
    public Uni<Integer> deleteOldRows() {
        return inBatches(Tuple.of((double) config.retention().toSeconds(), BATCH), DELETE_ROWS, 0).invoke(n -> {
            if (n > 0) {
                LOG.infof("Deleted %d mails sent or parked more than %s ago", n, config.retention());
            }
        });
    }

    private Uni<Integer> inBatches(Tuple args, String sql, int done) {
        return db.queryAlone(sql, args).chain(rows -> rows.rowCount() < BATCH ? Uni.createFrom().item(done + rows.rowCount())
                : inBatches(args, sql, done + rows.rowCount()));
    }
}
