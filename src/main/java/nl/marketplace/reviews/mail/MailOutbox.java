package nl.marketplace.reviews.mail;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Puts a mail in the outbox, rendered in the customer's language (Dutch unless "en"). Call it inside
 * the transaction of the change that causes the mail: then the mail exists exactly when the change
 * does, and {@link MailDelivery} sends it. A mail with a single-use link is stored without its token
 * (see {@link LinkSealer}).
 */
@ApplicationScoped
public class MailOutbox {

    private static final Set<String> LOCALES = Set.of("nl", "en");

    private final Engine qute;
    private final LinkSealer sealer;

    public MailOutbox(Engine qute, LinkSealer sealer) {
        this.qute = qute;
        this.sealer = sealer;
    }

    /** The single-use link of a mail: the page and the token it carries ("link" in the templates). */
    public record Link(String pageUrl, String token) {
    }

    /** A mail rendered for the outbox: the bodies have the link's placeholder, and linkSecret its sealed token. */
    public record Rendered(MailKind kind, String recipient, String customerId, String subject, String textBody, String htmlBody,
            byte[] linkSecret) {
    }

    /** A mail without a link. @param customerId the customer it is for (counts for "one mail a day"); {@code now} is the service's clock */
    public Uni<Void> enqueue(MailKind kind, String locale, String recipient, String customerId, Map<String, Object> data,
            OffsetDateTime now) {
        return enqueue(kind, locale, recipient, customerId, data, null, now);
    }

    /** A mail with a single-use link (null: none). */
    public Uni<Void> enqueue(MailKind kind, String locale, String recipient, String customerId, Map<String, Object> data, Link link,
            OffsetDateTime now) {
        Rendered rendered = render(kind, locale, recipient, customerId, data, link);
        OutboxMailEntity mail = new OutboxMailEntity();
        mail.kind = kind.name();
        mail.recipient = recipient;
        mail.customerId = customerId;
        mail.subject = rendered.subject();
        mail.textBody = rendered.textBody();
        mail.htmlBody = rendered.htmlBody();
        mail.linkSecret = rendered.linkSecret();
        mail.createdAt = now;
        return mail.persist().replaceWithVoid();
    }

    /** Renders a mail in the customer's language (Dutch unless "en"), with its link (null: none) as it is stored. */
    public Rendered render(MailKind kind, String locale, String recipient, String customerId, Map<String, Object> data, Link link) {
        String language = LOCALES.contains(locale) ? locale : "nl";
        if (link != null) {
            data.put("link", LinkSealer.link(link.pageUrl()));
        }
        return new Rendered(kind, recipient, customerId, render(kind, language, "subject.txt", data).strip(),
                render(kind, language, "txt", data), render(kind, language, "html", data),
                link == null ? null : sealer.seal(link.token()));
    }

    /**
     * Puts many rendered mails into the outbox in one statement, on the given connection and so in its
     * transaction (the invitation job's batches; a single change uses {@link #enqueue}).
     */
    public Uni<Void> enqueueAll(SqlConnection conn, List<Rendered> mails, OffsetDateTime now) {
        if (mails.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Tuple args = Tuple.tuple()
                .addArrayOfString(mails.stream().map(m -> m.kind().name()).toArray(String[]::new))
                .addArrayOfString(mails.stream().map(Rendered::recipient).toArray(String[]::new))
                .addArrayOfString(mails.stream().map(Rendered::customerId).toArray(String[]::new))
                .addArrayOfString(mails.stream().map(Rendered::subject).toArray(String[]::new))
                .addArrayOfString(mails.stream().map(Rendered::textBody).toArray(String[]::new))
                .addArrayOfString(mails.stream().map(Rendered::htmlBody).toArray(String[]::new))
                .addOffsetDateTime(now)
                .addValue(mails.stream().map(m -> m.linkSecret() == null ? null : Buffer.buffer(m.linkSecret())).toArray(Buffer[]::new));
        return conn.preparedQuery("""
                INSERT INTO outbox_mail (kind, recipient, customer_id, subject, text_body, html_body, created_at, link_secret)
                SELECT k, r, c, s, t, h, $7, l
                FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $8::bytea[])
                  AS m(k, r, c, s, t, h, l)""")
                .execute(args).replaceWithVoid();
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
