package nl.marketplace.reviews.alert;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Alert settings, the events they look at, and what waits for a digest (migration V18). */
@ApplicationScoped
public class AlertRepository {

    /** A partner's setting, held (FOR UPDATE) by the job's transaction; {@code upTo}: its latest event. */
    record Held(long partnerKey, String partnerName, AlertFrequency frequency, String email, String language, long afterSeq, long upTo) {
    }

    /** A review event or a waiting alert: the review as it is now. */
    record Event(long partnerKey, long seq, String type, long reviewKey, OffsetDateTime at, int originalOverall, int overall,
            String authorName, String pros, String cons) {
    }

    static final String WITH_NEW_EVENTS = """
            SELECT s.partner_id, p.name, s.frequency, s.email, s.language, s.last_seq, c.last_seq AS up_to
            FROM partner_alert_setting s JOIN partner_event_counter c ON c.partner_id = s.partner_id JOIN partner p ON p.id = s.partner_id
            WHERE c.last_seq > s.last_seq
            ORDER BY s.partner_id LIMIT $1
            FOR UPDATE OF s SKIP LOCKED""";

    static final String EVENTS = """
            SELECT e.partner_id, e.seq, e.type, e.review_id, e.created_at, r.original_overall, r.overall, r.author_name, r.pros, r.cons
            FROM unnest($1::bigint[], $2::bigint[], $3::bigint[]) AS k(partner, after_seq, up_to)
            JOIN review_event e ON e.partner_id = k.partner AND e.seq > k.after_seq AND e.seq <= k.up_to
            JOIN review r ON r.id = e.review_id
            WHERE e.type IN ('NEW_REVIEW', 'REVISION')
            ORDER BY e.partner_id, e.seq""";

    /** Partners with alerts waiting whose mail is due: IMMEDIATE ones, and digests whose hour has come and that were not sent today. */
    static final String DUE = """
            SELECT s.partner_id, p.name, s.frequency, s.email, s.language, s.last_seq, s.last_seq AS up_to
            FROM partner_alert_setting s JOIN partner p ON p.id = s.partner_id
            WHERE EXISTS (SELECT 1 FROM negative_review_alert a WHERE a.partner_id = s.partner_id)
              AND (s.frequency = 'IMMEDIATE'
                   OR (s.digest_hour <= $1 AND NOT EXISTS (SELECT 1 FROM alert_digest d WHERE d.partner_id = s.partner_id AND d.day = $2)))
            ORDER BY s.partner_id LIMIT $3
            FOR UPDATE OF s SKIP LOCKED""";

    static final String WAITING = """
            SELECT a.partner_id, a.seq, a.type, a.review_id, a.happened_at AS created_at, r.original_overall, r.overall, r.author_name,
                   r.pros, r.cons
            FROM negative_review_alert a JOIN review r ON r.id = a.review_id
            WHERE a.partner_id = ANY($1)
            ORDER BY a.partner_id, a.seq""";

    private final Pool pool;

    public AlertRepository(Pool pool) {
        this.pool = pool;
    }

    Pool pool() {
        return pool;
    }

    Uni<NegativeReviewAlert> find(long partnerKey) {
        return pool.preparedQuery("SELECT frequency, email, digest_hour, language FROM partner_alert_setting WHERE partner_id = $1")
                .execute(Tuple.of(partnerKey)).map(rows -> {
                    for (Row row : rows) {
                        return new NegativeReviewAlert(AlertFrequency.valueOf(row.getString("frequency")), row.getString("email"),
                                (int) row.getShort("digest_hour"), row.getString("language"));
                    }
                    return null;
                });
    }

    /** Sets the partner's alert; a new one starts after the partner's latest event, a changed one where it was. */
    Uni<Void> save(long partnerKey, NegativeReviewAlert alert, OffsetDateTime now) {
        return pool.preparedQuery("""
                INSERT INTO partner_alert_setting (partner_id, email, frequency, digest_hour, language, last_seq, updated_at)
                VALUES ($1, $2, $3, $4, $5, coalesce((SELECT last_seq FROM partner_event_counter WHERE partner_id = $1), 0), $6)
                ON CONFLICT (partner_id) DO UPDATE SET email = EXCLUDED.email, frequency = EXCLUDED.frequency,
                    digest_hour = EXCLUDED.digest_hour, language = EXCLUDED.language, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.tuple(List.of(partnerKey, alert.email(), alert.frequency().name(), alert.digestHour().shortValue(),
                        alert.language(), now)))
                .replaceWithVoid();
    }

    /** No more mails: the setting and what waited for a digest go. */
    Uni<Void> delete(long partnerKey) {
        return pool.withTransaction(conn -> conn.preparedQuery("DELETE FROM negative_review_alert WHERE partner_id = $1")
                .execute(Tuple.of(partnerKey))
                .chain(() -> conn.preparedQuery("DELETE FROM partner_alert_setting WHERE partner_id = $1").execute(Tuple.of(partnerKey))))
                .replaceWithVoid();
    }

    static Uni<List<Held>> hold(SqlConnection conn, String sql, Tuple args) {
        return conn.preparedQuery(sql).execute(args).map(rows -> {
            List<Held> held = new ArrayList<>();
            for (Row row : rows) {
                held.add(new Held(row.getLong("partner_id"), row.getString("name"), AlertFrequency.valueOf(row.getString("frequency")),
                        row.getString("email"), row.getString("language"), row.getLong("last_seq"), row.getLong("up_to")));
            }
            return held;
        });
    }

    static Uni<List<Event>> events(SqlConnection conn, String sql, Tuple args) {
        return conn.preparedQuery(sql).execute(args).map(rows -> {
            List<Event> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Event(row.getLong("partner_id"), row.getLong("seq"), row.getString("type"), row.getLong("review_id"),
                        row.getOffsetDateTime("created_at"), row.getShort("original_overall"), row.getShort("overall"),
                        row.getString("author_name"), row.getString("pros"), row.getString("cons")));
            }
            return events;
        });
    }

    static Uni<Void> wait(SqlConnection conn, List<Event> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return conn.preparedQuery("""
                INSERT INTO negative_review_alert (partner_id, seq, review_id, type, happened_at)
                SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[])""")
                .execute(Tuple.tuple(List.of(events.stream().map(Event::partnerKey).toArray(Long[]::new),
                        events.stream().map(Event::seq).toArray(Long[]::new), events.stream().map(Event::reviewKey).toArray(Long[]::new),
                        events.stream().map(Event::type).toArray(String[]::new), events.stream().map(Event::at).toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    static Uni<Void> lookedAt(SqlConnection conn, List<Held> held) {
        return conn.preparedQuery("""
                UPDATE partner_alert_setting s SET last_seq = k.up_to FROM unnest($1::bigint[], $2::bigint[]) AS k(partner, up_to)
                WHERE s.partner_id = k.partner""")
                .execute(Tuple.of(held.stream().map(Held::partnerKey).toArray(Long[]::new), held.stream().map(Held::upTo).toArray(Long[]::new)))
                .replaceWithVoid();
    }

    /** Marks today's digest of each partner (the key makes it one a day) and drops what it mails. */
    static Uni<Void> mailed(SqlConnection conn, List<Long> digests, List<Long> partners, LocalDate today) {
        Uni<Void> marked = digests.isEmpty() ? Uni.createFrom().voidItem()
                : conn.preparedQuery("INSERT INTO alert_digest (partner_id, day) SELECT unnest($1::bigint[]), $2")
                        .execute(Tuple.of(digests.toArray(Long[]::new), today)).replaceWithVoid();
        return marked.chain(() -> conn.preparedQuery("DELETE FROM negative_review_alert WHERE partner_id = ANY($1)")
                .execute(Tuple.of(partners.toArray(Long[]::new)))).replaceWithVoid();
    }

    Uni<Integer> pruneDigests(LocalDate before) {
        return pool.preparedQuery("DELETE FROM alert_digest WHERE day < $1").execute(Tuple.of(before)).map(r -> r.rowCount());
    }
}
