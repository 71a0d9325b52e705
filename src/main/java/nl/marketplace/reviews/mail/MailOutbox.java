package nl.marketplace.reviews.mail;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;

/**
 * Puts a mail in the outbox, rendered in the customer's language (Dutch unless "en"). Call it inside
 * the transaction of the change that causes the mail: then the mail exists exactly when the change
 * does, and {@link MailDelivery} sends it.
 */
@ApplicationScoped
public class MailOutbox {

    private static final Set<String> LOCALES = Set.of("nl", "en");

    private final Engine qute;

    public MailOutbox(Engine qute) {
        this.qute = qute;
    }

    /** @param customerId the customer it is for (counts for "one mail a day"); {@code now} is the service's clock */
    public Uni<Void> enqueue(MailKind kind, String locale, String recipient, String customerId, Map<String, Object> data,
            OffsetDateTime now) {
        String language = LOCALES.contains(locale) ? locale : "nl";
        OutboxMailEntity mail = new OutboxMailEntity();
        mail.kind = kind.name();
        mail.recipient = recipient;
        mail.customerId = customerId;
        mail.subject = render(kind, language, "subject.txt", data).strip();
        mail.textBody = render(kind, language, "txt", data);
        mail.htmlBody = render(kind, language, "html", data);
        mail.createdAt = now;
        return mail.persist().replaceWithVoid();
    }

    private String render(MailKind kind, String language, String suffix, Map<String, Object> data) {
        String name = "mail/" + kind.template + "." + language + "." + suffix;
        Template template = qute.getTemplate(name);
        if (template == null) {
            throw new IllegalStateException("Missing mail template " + name);
        }
        return template.data(data).render();
    }
}
