package nl.marketplace.reviews.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.Db;

/** The kept review events (migration V4): what a subscription catches up from. */
@ApplicationScoped
public class ReviewEventRepository {

    /** A kept event. */
    public record StoredEvent(long seq, ReviewEventType type, long reviewKey) {
    }

    /** The partner's last event number now, and its kept events after a number (at most a limit). */
    public record Since(long lastSeq, List<StoredEvent> events) {
    }

    private final Db db;

    public ReviewEventRepository(Db db) {
        this.db = db;
    }

    /** The partner's last event number (0: none yet). */
    public Uni<Long> lastSeq(long partnerKey) {
        return db.query("SELECT last_seq FROM partner_event_counter WHERE partner_id = $1", Tuple.of(partnerKey))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
    }

    /** In one statement, so the number and the events are of one moment. */
    public Uni<Since> since(long partnerKey, long afterSeq, int limit) {
        return db.query("""
                SELECT c.last_seq, e.seq, e.type, e.review_id
                FROM (SELECT coalesce((SELECT last_seq FROM partner_event_counter WHERE partner_id = $1), 0) AS last_seq) c
                LEFT JOIN LATERAL (SELECT seq, type, review_id FROM review_event
                                   WHERE partner_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) e ON true
                ORDER BY e.seq""", Tuple.of(partnerKey, afterSeq, limit))
                .map(rows -> {
                    long last = 0;
                    List<StoredEvent> events = new ArrayList<>();
                    for (Row row : rows) {
                        last = row.getLong(0);
                        if (row.getLong(1) != null) {
                            events.add(new StoredEvent(row.getLong(1), ReviewEventType.valueOf(row.getString(2)), row.getLong(3)));
                        }
                    }
                    return new Since(last, events);
                });
    }

    /**
     * Forgets events older than the retention, {@value #FORGET_BATCH} per statement (each reads only
     * the rows it deletes, through review_event_created), until none are left; returns how many.
     * On the database's clock, as the events' created_at is: the retention is how long a subscriber
     * may be away, not a day of the business calendar.
     */
    public Uni<Integer> deleteOlderThan(Duration retention) {
        return forget(Tuple.of((double) retention.toSeconds(), FORGET_BATCH), 0);
    }

    static final int FORGET_BATCH = 5_000;

    public static final String FORGET = """
            DELETE FROM review_event WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM review_event WHERE created_at < now() - make_interval(secs => $1)
                ORDER BY created_at LIMIT $2))""";

    private Uni<Integer> forget(Tuple args, int done) {
        return db.queryAlone(FORGET, args).chain(rows -> rows.rowCount() < FORGET_BATCH ? Uni.createFrom().item(done + rows.rowCount())
                : forget(args, done + rows.rowCount()));
    }
}
