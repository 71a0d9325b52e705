package nl.marketplace.reviews.trusteddocument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import graphql.parser.Parser;
import io.smallrye.mutiny.Uni;
import nl.marketplace.reviews.security.CallerService;
import nl.marketplace.reviews.graphql.Outcome;
import nl.marketplace.reviews.graphql.UserErrorCode;

/**
 * Apps ship their operations at build time, as a manifest (Apollo's persisted-query manifest:
 * {@code {"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id":<sha256>,
 * "name","type","body"}]}}, which GraphQL Code Generator's client preset also writes). An
 * administrator lists a manifest for a client and version; from then on its operations run for
 * anonymous callers where only trusted documents run, and are never pruned while listed.
 */
@ApplicationScoped
public class TrustedManifests {

    static final int MAX_OPERATIONS = 5_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A manifest's operations, or what is wrong with it. */
    public record Parsed(List<PersistedQueries.ManifestOperation> operations, List<String> problems) {
    }

    private final PersistedQueries documents;
    private final CallerService callers;

    public TrustedManifests(PersistedQueries documents, CallerService callers) {
        this.documents = documents;
        this.callers = callers;
    }

    /** Admin: lists the manifest's operations for the client and version. */
    public Uni<Outcome<PersistedQueries.Listed>> register(String client, String version, String manifest) {
        callers.current().requireAdmin("lists trusted documents");
        Outcome<PersistedQueries.Listed> refused = named(client, version);
        if (refused != null) {
            return Uni.createFrom().item(refused);
        }
        Parsed parsed = parse(manifest);
        if (!parsed.problems().isEmpty()) {
            return Uni.createFrom().item(Outcome.refused(UserErrorCode.INVALID, String.join("; ", parsed.problems()), "input", "manifest"));
        }
        return documents.list(client, version, parsed.operations()).map(Outcome::ok);
    }

    /** Admin: takes the client version's listing away. */
    public Uni<Outcome<Integer>> unlist(String client, String version) {
        callers.current().requireAdmin("lists trusted documents");
        Outcome<Integer> refused = named(client, version);
        return refused != null ? Uni.createFrom().item(refused) : documents.unlist(client, version).map(Outcome::ok);
    }

    private static <T> Outcome<T> named(String client, String version) {
        if (client == null || !NAME.matcher(client).matches()) {
            return Outcome.refused(UserErrorCode.INVALID, "The client is 1-64 letters, digits, '.', '_' or '-'", "input", "client");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            return Outcome.refused(UserErrorCode.INVALID, "The version is 1-64 letters, digits, '.', '_', '+' or '-'", "input", "version");
        }
        return null;
    }

    /** Reads an Apollo persisted-query manifest: every operation's id must be the SHA-256 of its body, and the body GraphQL. */
    public static Parsed parse(String manifest) {
        List<String> problems = new ArrayList<>();
        List<PersistedQueries.ManifestOperation> operations = new ArrayList<>();
        JsonNode root;
        try {
            root = JSON.readTree(manifest == null ? "" : manifest);
        } catch (java.io.IOException e) {
            return new Parsed(List.of(), List.of("the manifest is not JSON"));
        }
        if (root == null || !"apollo-persisted-query-manifest".equals(root.path("format").asText()) || root.path("version").asInt() != 1) {
            return new Parsed(List.of(), List.of("the manifest is not an apollo-persisted-query-manifest of version 1"));
        }
        JsonNode list = root.path("operations");
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_OPERATIONS) {
            return new Parsed(List.of(), List.of("the manifest has 1 to " + MAX_OPERATIONS + " operations"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode op = list.get(i);
            String id = op.path("id").asText("");
            String body = op.path("body").asText("");
            if (body.isEmpty() || body.length() > PersistedQueries.MAX_DOCUMENT_LENGTH) {
                problems.add("operation " + i + ": its body is empty or longer than " + PersistedQueries.MAX_DOCUMENT_LENGTH + " characters");
            } else if (!id.equals(PersistedQueries.sha256(body))) {
                problems.add("operation " + i + ": its id is not the SHA-256 of its body");
            } else {
                try {
                    Parser.parse(body);
                    if (seen.add(id)) {
                        operations.add(new PersistedQueries.ManifestOperation(id, body));
                    }
                } catch (RuntimeException e) {
                    problems.add("operation " + i + ": its body is not a GraphQL document");
                }
            }
        }
        return new Parsed(operations, problems.size() > 10 ? problems.subList(0, 10) : problems);
    }
}
