package nl.marketplace.reviews.db;

import java.util.Map;
import java.util.TreeMap;

import io.vertx.core.Context;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

/**
 * The partners' public versions that one request's statements read, in the same statements as the
 * data (migration V13: partner.public_version moves with everything an anonymous reader sees of the
 * partner): what an anonymous answer depends on, for its ETag (graphql.HttpCaching).
 *
 * <p>Kept on the request's Vert.x context while {@link #collect()} is on. {@link Db} hands every
 * result here; the repositories of public data name two columns in each statement:
 * {@code version_partner} and {@code public_version} (-1 for a partner that does not exist), in at
 * least one row per partner whose data the statement read, found or not. A statement without those
 * columns (data the versions do not cover), a row with {@code version_unknown} true (a key that names
 * nothing yet, whose answer a future insert would change), or two statements that read one partner
 * at different versions (a change landed between them, or two replicas differ), and the answer has
 * no ETag: it cannot be revalidated, never wrongly so.
 */
public final class ReadVersions {

    private static final String KEY = ReadVersions.class.getName();

    private final Map<Long, Long> versions = new TreeMap<>();
    private boolean covered = true;

    private ReadVersions() {
    }

    /** From now on, the current request's statements are noted; null outside a request's context (nothing could be noted). */
    public static ReadVersions collect() {
        Context context = Replica.requestContext();
        if (context == null) {
            return null;
        }
        ReadVersions collector = new ReadVersions();
        context.putLocal(KEY, collector);
        return collector;
    }

    /** The current request's collector, or null when nothing is collected. */
    public static ReadVersions current() {
        Context context = Replica.requestContext();
        return context == null ? null : context.getLocal(KEY);
    }

    /** The versions read, by partner key, in key order; empty when the answer read no partner. */
    public synchronized Map<Long, Long> versions() {
        return Map.copyOf(versions);
    }

    /** Whether every statement's data was covered by the versions it read. */
    public synchronized boolean covered() {
        return covered;
    }

    synchronized void note(RowSet<Row> rows) {
        if (!covered) {
            return;
        }
        java.util.List<String> columns = rows.columnsNames();
        if (columns == null || !columns.contains("version_partner") || !columns.contains("public_version")) {
            covered = false;
            return;
        }
        boolean unknowable = columns.contains("version_unknown");
        for (Row row : rows) {
            if (unknowable && Boolean.TRUE.equals(row.getBoolean("version_unknown"))) {
                covered = false;
                return;
            }
            Long partner = row.getLong("version_partner");
            if (partner == null) {
                continue; // a data row beside the version rows
            }
            Long version = row.getLong("public_version");
            long read = version == null ? -1 : version;
            Long before = versions.putIfAbsent(partner, read);
            if (before != null && before != read) {
                covered = false;
                return;
            }
        }
    }
}
