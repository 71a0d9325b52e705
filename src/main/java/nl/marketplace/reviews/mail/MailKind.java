package nl.marketplace.reviews.mail;

/** The mails the platform sends; each has Qute templates mail/{name}.{nl|en}.{subject.txt|txt|html}. */
public enum MailKind {
    /** "E-mail de klant": the partner's message, sent on its behalf. */
    CUSTOMER_MESSAGE("customer-message"),
    /** The neutral request for a new overall score, with the single-use link. */
    RE_REVIEW_REQUEST("re-review-request"),
    /** The beoordelingsverzoek after delivery, with the single-use link to the review form. */
    REVIEW_INVITATION("review-invitation"),
    /** To the partner: a negative review arrived (alert.AlertService), at once or in a daily digest. */
    NEGATIVE_REVIEW_ALERT("negative-review-alert");

    final String template;

    MailKind(String template) {
        this.template = template;
    }
}
