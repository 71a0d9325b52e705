package nl.marketplace.reviews.trusteddocument;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.db.SchemaVersionCheck;
import nl.marketplace.reviews.db.Db;
import nl.marketplace.reviews.db.SchemaCurrent;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;
import nl.marketplace.reviews.graphql.ApiErrorCode;

/**
 * Automatic persisted queries, the protocol of Apollo's persisted-query link (SmallRye GraphQL has
 * none: its issue 2321): a request whose {@code extensions.persistedQuery} has a
 * {@code sha256Hash} and no {@code query} runs the document stored under that hash, or is answered
 * PERSISTED_QUERY_NOT_FOUND ("PersistedQueryNotFound"), after which the client sends both and the
 * document is stored once its hash is checked (PERSISTED_QUERY_HASH_MISMATCH when it does not match).
 *
 * <p>The store is a table, so every instance shares it and it survives restarts: a client whose
 * document was registered through one pod is served by the next one, and a rolling deploy does not
 * make every client register again.
 *
 * <p>Trusted documents, the only ones anonymous callers may run with
 * {@code reviews.graphql.trusted-documents-only}: the committed operations of graphql/operations
 * (registered at start) and the operations of apps' manifests (Apollo's persisted-query manifest,
 * registered by an administrator with registerTrustedDocuments or from
 * {@code reviews.persisted-queries.manifest-dir} at start, listed per client and version in
 * trusted_document). Trusted documents are never pruned. Others are pruned least recently used first
 * beyond {@code reviews.persisted-queries.max-documents}, so registrations cannot grow the store
 * without end (a pruned document is registered again by its client, one round trip later). A
 * document a signed-in partner registered is that partner's: it is served by its hash to that
 * partner (and administrators) only, and trusted for nobody. Recently used documents are also kept
 * in memory for a minute (Caffeine), so a hit costs no statement and a listing made through another
 * pod is seen within that minute. Documents over 20,000 characters run but are not stored.
 */
@ApplicationScoped
public class PersistedQueries {

    private static final Logger LOG = Logger.getLogger(PersistedQueries.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String OPERATIONS = "graphql-operations";
    /** An operation that is always there (OperationsTest runs it). */
    private static final String ANCHOR = "PartnerSummaries.graphql";
    private static final int IN_MEMORY = 2_000;
    /** How long a pod trusts what it remembers of a document (its trust can change through another pod). */
    private static final Duration REMEMBERED_FOR = Duration.ofMinutes(1);

    @ConfigMapping(prefix = "reviews.persisted-queries")
    public interface Config extends CheckedSettings {
        /** How many documents the store keeps besides the trusted ones. */
        @WithDefault("10000")
        int maxDocuments();

        /** A directory of apps' manifests (Apollo's persisted-query manifest JSON) registered at start, each as client = file name. */
        java.util.Optional<String> manifestDir();

        @Override
        default void check(Checks checks) {
            checks.between("reviews.persisted-queries.max-documents", maxDocuments(), 100, 10_000_000);
            manifestDir().ifPresent(dir -> checks.require(Files.isDirectory(Path.of(dir)), "reviews.persisted-queries.manifest-dir", dir,
                    "a directory that exists (of *.json manifests)"));
        }
    }

    /** Why a persisted-query request cannot be served: the client's mistake, or a document not (yet) stored. */
    public static final class Refusal extends RuntimeException {
        public final ApiErrorCode code;

        public Refusal(ApiErrorCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The longest document stored (and listed in a manifest): the longest whose checks are remembered. */
    static final int MAX_DOCUMENT_LENGTH = nl.marketplace.reviews.graphql.QueryLimits.MAX_REMEMBERED_LENGTH;

    private final Db db;
    private final Clock clock;
    private final Config config;
    private final int maxDocumentLength;
    private final AtomicInteger registeredSincePrune = new AtomicInteger();
    private final AtomicBoolean pruning = new AtomicBoolean();
    /** A document known here: whether it is trusted, whose it is (null: nobody's), and the day its row was last marked used. */
    private record Known(String document, boolean trusted, Long owner, LocalDate usedOn) {

        boolean visibleTo(Asker asker) {
            return trusted || owner == null || asker.admin() || owner.equals(asker.partnerKey());
        }
    }

    /** Who sends the request: nobody, a partner (its key), or an administrator. */
    public record Asker(boolean signedIn, Long partnerKey, boolean admin) {
        public static final Asker ANONYMOUS = new Asker(false, null, false);
    }

    /** The document a request runs, and whether it is trusted (committed, or listed in an app's manifest). */
    public record Resolved(String document, boolean trusted) {
    }

    private final com.github.benmanes.caffeine.cache.Cache<String, Known> recent = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .maximumSize(IN_MEMORY).expireAfterWrite(REMEMBERED_FOR).build();

    public PersistedQueries(Db db, Clock clock, Config config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.maxDocumentLength = MAX_DOCUMENT_LENGTH;
    }

    /**
     * The committed operations, stored before the first request: blocking on purpose, once the
     * schema is current (at start-up on the main thread, or in the readiness check that finds the
     * migration Job has run), and readiness waits for it: a client of a fresh pod finds them.
     */
    void registerCommitted(@Observes SchemaCurrent schema) {
        Map<String, String> operations = committedOperations();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (!operations.isEmpty()) {
            Uni.join().all(operations.values().stream().map(document -> store(sha256(document), document, true, Asker.ANONYMOUS, now)).toList())
                    .andCollectFailures().await().atMost(Duration.ofSeconds(60));
        }
        LOG.infof("Registered %d committed operations as persisted queries: %s", operations.size(), operations.keySet());
        config.manifestDir().ifPresent(this::registerManifestDir);
    }

    /**
     * The document a request runs: its own query when it has one (stored under the hash it gave,
     * once checked, unless it may not register; a partner's registration is its own), else the stored
     * one that this caller may use. Fails with a {@link Refusal}.
     */
    public Uni<Resolved> resolve(JsonNode persistedQuery, String query, Asker asker, boolean mayRegister) {
        JsonNode version = persistedQuery.get("version");
        if (version == null || !version.isInt() || version.intValue() != 1) {
            return Uni.createFrom().failure(new Refusal(ApiErrorCode.BAD_REQUEST, "extensions.persistedQuery.version must be 1"));
        }
        JsonNode hashNode = persistedQuery.get("sha256Hash");
        String hash = hashNode == null || !hashNode.isTextual() ? "" : hashNode.textValue();
        if (!SHA256.matcher(hash).matches()) {
            return Uni.createFrom().failure(new Refusal(ApiErrorCode.BAD_REQUEST,
                    "extensions.persistedQuery.sha256Hash must be the document's SHA-256 in 64 lowercase hexadecimal digits"));
        }
        if (query != null) {
            String document = query;
            if (!sha256(document).equals(hash)) {
                return Uni.createFrom().failure(new Refusal(ApiErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
                        "provided sha does not match query: sha256Hash is not the SHA-256 of the query"));
            }
            if (document.length() > maxDocumentLength || !mayRegister) {
                // Run (if trusted), but not kept.
                return lookup(hash, asker).map(known -> new Resolved(document, known != null && known.trusted()));
            }
            return store(hash, document, false, asker, OffsetDateTime.now(clock)).invoke(this::pruneWhenGrown);
        }
        return lookup(hash, asker).map(known -> {
            if (known == null) {
                throw new Refusal(ApiErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
            }
            return known;
        });
    }

    /** The stored document with this hash that this caller may use, or null. */
    public Uni<Resolved> lookup(String hash, Asker asker) {
        LocalDate today = today();
        Known known = recent.getIfPresent(hash);
        if (known != null) {
            if (known.usedOn().isBefore(today)) {
                // Once a day, so that pruning sees the document in use; the answer does not wait for it.
                recent.put(hash, new Known(known.document(), known.trusted(), known.owner(), today));
                db.query("UPDATE persisted_query SET used_on = $2 WHERE sha256 = $1 AND used_on < $2", Tuple.of(hash, today))
                        .subscribe().with(ignored -> { }, failure -> LOG.debugf("Persisted query %s not marked used: %s", hash, failure));
            }
            return Uni.createFrom().item(known.visibleTo(asker) ? new Resolved(known.document(), known.trusted()) : null);
        }
        return db.query("""
                WITH touched AS (UPDATE persisted_query SET used_on = $2 WHERE sha256 = $1 AND used_on < $2)
                SELECT document, trusted, owner_partner FROM persisted_query WHERE sha256 = $1""", Tuple.of(hash, today)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    Known found = new Known(row.getString("document"), row.getBoolean("trusted"), row.getLong("owner_partner"), today);
                    recent.put(hash, found);
                    return found.visibleTo(asker) ? new Resolved(found.document(), found.trusted()) : null;
                });
    }

    /**
     * Stores a document. A partner's registration is its own; the same text registered by anyone else
     * (another partner, an anonymous caller, a manifest) is nobody's. Trust never comes from registering.
     */
    private Uni<Resolved> store(String hash, String document, boolean committed, Asker asker, OffsetDateTime now) {
        return db.query("""
                INSERT INTO persisted_query (sha256, document, committed, trusted, registered_at, used_on, owner_partner)
                VALUES ($1, $2, $3, $3, $4, $5, $6)
                ON CONFLICT (sha256) DO UPDATE SET committed = persisted_query.committed OR excluded.committed,
                    trusted = persisted_query.trusted OR excluded.trusted, used_on = greatest(persisted_query.used_on, excluded.used_on),
                    owner_partner = CASE WHEN persisted_query.owner_partner = excluded.owner_partner THEN persisted_query.owner_partner END
                RETURNING trusted, owner_partner""",
                Tuple.tuple().addString(hash).addString(document).addBoolean(committed).addOffsetDateTime(now).addLocalDate(today())
                        .addLong(asker.admin() ? null : asker.partnerKey())).map(rows -> {
                    Row row = rows.iterator().next();
                    Known known = new Known(document, row.getBoolean("trusted"), row.getLong("owner_partner"), today());
                    recent.put(hash, known);
                    return new Resolved(document, known.trusted());
                });
    }

    /** One operation of an app's manifest: its SHA-256 and its text. */
    public record ManifestOperation(String sha256, String body) {
    }

    /** What registering a manifest did. */
    public record Listed(int listed, int newlyTrusted) {
    }

    /**
     * Lists an app version's operations as trusted (client and version: "ios", "5.2"), in one
     * transaction: each document is stored if new, trusted, and listed under the client and version.
     * Listing again changes nothing. The caller checked the operations (their hashes and syntax).
     */
    public Uni<Listed> list(String client, String version, java.util.List<ManifestOperation> operations) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        String[] hashes = operations.stream().map(ManifestOperation::sha256).toArray(String[]::new);
        String[] bodies = operations.stream().map(ManifestOperation::body).toArray(String[]::new);
        return db.inTransaction(conn -> conn.preparedQuery("""
                WITH stored AS (
                    INSERT INTO persisted_query (sha256, document, committed, trusted, registered_at, used_on)
                    SELECT h, b, false, true, $3, $4 FROM unnest($1::text[], $2::text[]) AS m(h, b)
                    ON CONFLICT (sha256) DO UPDATE SET trusted = true, owner_partner = NULL
                    RETURNING sha256, (xmax = 0) AS inserted)
                SELECT count(*) FILTER (WHERE inserted) FROM stored""").execute(Tuple.of(hashes, bodies, now, today()))
                .chain(stored -> conn.preparedQuery("""
                        INSERT INTO trusted_document (client, version, sha256, listed_at)
                        SELECT $1, $2, h, $4 FROM unnest($3::text[]) AS m(h) ON CONFLICT DO NOTHING""")
                        .execute(Tuple.of(client, version, hashes, now))
                        .map(listed -> new Listed(listed.rowCount(), stored.iterator().next().getLong(0).intValue()))))
                .invoke(() -> operations.forEach(o -> recent.invalidate(o.sha256())));
    }

    /**
     * Takes an app version's listing away: its documents stay trusted while another listing (or the
     * schema repository) has them, and are pruned like any other from then on. Returns how many were
     * listed.
     */
    public Uni<Integer> unlist(String client, String version) {
        return db.inTransaction(conn -> conn.preparedQuery("DELETE FROM trusted_document WHERE client = $1 AND version = $2 RETURNING sha256")
                .execute(Tuple.of(client, version)).chain(deleted -> {
                    java.util.List<String> hashes = new java.util.ArrayList<>();
                    deleted.forEach(row -> hashes.add(row.getString(0)));
                    return conn.preparedQuery("""
                            UPDATE persisted_query p SET trusted = p.committed OR EXISTS (SELECT 1 FROM trusted_document t WHERE t.sha256 = p.sha256)
                            WHERE p.sha256 = ANY($1)""").execute(Tuple.of(hashes.toArray(String[]::new)))
                            .invoke(() -> hashes.forEach(recent::invalidate)).replaceWith(hashes.size());
                }));
    }

    /** The manifests of reviews.persisted-queries.manifest-dir, each listed as client = its file name, version "deployed". */
    private void registerManifestDir(String dir) {
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String client = file.getFileName().toString().replaceFirst("\\.json$", "");
                TrustedManifests.Parsed parsed = TrustedManifests.parse(Files.readString(file));
                if (!parsed.problems().isEmpty()) {
                    throw new IllegalStateException("The manifest " + file + " cannot be registered: " + parsed.problems());
                }
                Listed listed = list(client, "deployed", parsed.operations()).await().atMost(Duration.ofSeconds(60));
                LOG.infof("Registered the manifest %s: %d operations trusted for client %s (%d new)", file, listed.listed(), client,
                        listed.newlyTrusted());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("reviews.persisted-queries.manifest-dir " + dir + " cannot be read", e);
        }
    }

    /** The day of last use, for pruning only: UTC is as good as any zone for "least recently used". */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Scheduled(skipExecutionIf = SchemaVersionCheck.NotCurrent.class, identity = "persisted-query-pruning", every = "1h", delayed = "5m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledPrune() {
        return prune().replaceWithVoid();
    }

    /**
     * Reads the stored documents (at most max-documents and what was registered since the last pruning,
     * which pruneWhenGrown keeps to a tenth more) and deletes those beyond max-documents.
     */
    public static final String PRUNE = """
            DELETE FROM persisted_query WHERE sha256 = ANY(ARRAY(
                SELECT sha256 FROM persisted_query WHERE NOT committed AND NOT trusted ORDER BY used_on DESC, registered_at DESC OFFSET $1))""";

    /** Forgets the least recently used documents beyond max-documents (any instance may run it). Returns how many. */
    public Uni<Integer> prune() {
        registeredSincePrune.set(0);
        return db.queryAlone(PRUNE, Tuple.of(config.maxDocuments())).map(rows -> rows.rowCount()).invoke(n -> {
                    if (n > 0) {
                        LOG.infof("Pruned %d persisted queries beyond the %d most recently used", n, config.maxDocuments());
                    }
                });
    }

    /**
     * The hourly job alone would let a flood of registrations (anonymous ones too: the protocol
     * allows them) grow the table for an hour; past a tenth of max-documents registered on this
     * instance since the last pruning, it prunes at once, one pruning at a time.
     */
    private void pruneWhenGrown() {
        if (registeredSincePrune.incrementAndGet() > Math.max(1, config.maxDocuments() / 10) && pruning.compareAndSet(false, true)) {
            prune().onTermination().invoke(() -> pruning.set(false))
                    .subscribe().with(ignored -> { }, failure -> LOG.warnf("Pruning persisted queries failed: %s", failure.toString()));
        }
    }

    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * graphql/operations as packaged (pom.xml copies them into the jar): file name to document. Found
     * through one of them, since class loaders do not list directories: a file in dev and tests, an
     * entry of the application jar when packaged.
     */
    static Map<String, String> committedOperations() {
        Map<String, String> operations = new TreeMap<>();
        URL anchor = PersistedQueries.class.getClassLoader().getResource(OPERATIONS + "/" + ANCHOR);
        try {
            if (anchor == null) {
                throw new IOException(OPERATIONS + "/" + ANCHOR + " is not on the class path");
            }
            if (anchor.getProtocol().equals("jar")) {
                String spec = anchor.toString();
                try (FileSystem jar = FileSystems.newFileSystem(Path.of(URI.create(spec.substring("jar:".length(), spec.indexOf("!/")))))) {
                    read(jar.getPath(OPERATIONS), operations);
                }
            } else {
                read(Path.of(anchor.toURI()).getParent(), operations);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.warnf("The committed operations could not be read, so none is registered as a persisted query: %s", e.toString());
        }
        return operations;
    }

    private static void read(Path directory, Map<String, String> into) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".graphql")).toList()) {
                into.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }
}
