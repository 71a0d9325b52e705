package nl.marketplace.reviews.support;

import java.time.Duration;

import nl.marketplace.reviews.mail.MailDelivery;

/**
 * Positive signals that the mail job has done its work, so that a test may then assert what did
 * not happen (a second copy, a retry of a parked mail) instead of sleeping and hoping.
 */
public final class Deliveries {

    private Deliveries() {
    }

    /**
     * Every mail of the outbox rows matching {@code where} is sent or parked, and two more runs of the
     * job ended after that (the first may have begun before): whatever those mails could still cause
     * has happened by now.
     */
    public static void settled(MailDelivery job, String where) {
        Eventually.until("every mail where " + where + " sent or parked", Duration.ofSeconds(60),
                () -> TestData.count("SELECT count(*) FROM outbox_mail WHERE (" + where + ") AND sent_at IS NULL AND failed_at IS NULL") == 0);
        twoMoreRuns(job);
    }

    /** Two more runs of the job end from now on. */
    public static void twoMoreRuns(MailDelivery job) {
        long runs = job.completedRuns();
        Eventually.until("two more runs of the mail job", Duration.ofSeconds(30), () -> job.completedRuns() >= runs + 2);
    }
}
