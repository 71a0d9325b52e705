package nl.marketplace.reviews.http;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import nl.marketplace.reviews.graphql.ParserLimits;
import nl.marketplace.reviews.graphql.QueryLimits;

/**
 * The step after the document is known: whether it is GraphQL, and whether the operation a request
 * runs only reads (a GET runs queries only; an anonymous query may read from a replica). Refused
 * here: a syntax error, and a number literal of more than 100 digits (graphql-java would take
 * seconds to refuse a long one), as GRAPHQL_PARSE_FAILED with graphql-java's description (SmallRye
 * would answer a bare "Unparseable input document" with no code).
 *
 * <p>Each document is parsed here once, and what was found (its problem, or its operations' kinds)
 * is remembered with it: clients send a handful of documents again and again.
 */
@ApplicationScoped
public class DocumentCheck {

    /** Documents remembered; longer ones than QueryLimits.MAX_REMEMBERED_LENGTH are checked every time. */
    static final int REMEMBERED = 1_000;

    /** What a document is: its problem, or the kind of each of its operations (by name; "" for an anonymous one). */
    record Checked(String problem, Map<String, OperationDefinition.Operation> operations) {

        /** Whether the operation a request names (or all, when it names none) is a query; an unknown or ambiguous one is left to validation. */
        boolean onlyReads(String operationName) {
            if (operationName == null) {
                return operations.values().stream().allMatch(kind -> kind == OperationDefinition.Operation.QUERY);
            }
            OperationDefinition.Operation kind = operations.get(operationName);
            return kind == null || kind == OperationDefinition.Operation.QUERY;
        }
    }

    private final Cache<String, Checked> checked = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    Checked check(String document) {
        return document.length() > QueryLimits.MAX_REMEMBERED_LENGTH ? checkNow(document) : checked.get(document, DocumentCheck::checkNow);
    }

    static Checked checkNow(String document) {
        if (longestNumberLiteral(document) > RequestReader.MAX_NUMBER_DIGITS) {
            return new Checked("A number in the document has more than " + RequestReader.MAX_NUMBER_DIGITS + " digits", Map.of());
        }
        try {
            Map<String, OperationDefinition.Operation> operations = new HashMap<>();
            ParserLimits.parse(document).getDefinitionsOfType(OperationDefinition.class)
                    .forEach(o -> operations.merge(o.getName() == null ? "" : o.getName(), o.getOperation(),
                            (a, b) -> a == b ? a : OperationDefinition.Operation.MUTATION)); // two of one name: validation refuses it; not a read
            return new Checked(null, Map.copyOf(operations));
        } catch (InvalidSyntaxException e) {
            return new Checked(e.getMessage(), Map.of());
        }
    }

    /** The longest run of digits outside string literals and comments of a GraphQL document. */
    static int longestNumberLiteral(String document) {
        int longest = 0;
        int run = 0;
        int i = 0;
        int n = document.length();
        while (i < n) {
            char c = document.charAt(i);
            if (c == '"') {
                run = 0;
                boolean block = document.startsWith("\"\"\"", i);
                i = block ? skipBlockString(document, i + 3) : skipString(document, i + 1);
                continue;
            }
            if (c == '#') {
                run = 0;
                while (i < n && document.charAt(i) != '\n' && document.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            run = c >= '0' && c <= '9' ? run + 1 : 0;
            longest = Math.max(longest, run);
            i++;
        }
        return longest;
    }

    private static int skipString(String s, int i) {
        while (i < s.length() && s.charAt(i) != '"' && s.charAt(i) != '\n') {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipBlockString(String s, int i) {
        int end = s.indexOf("\"\"\"", i);
        while (end > 0 && s.charAt(end - 1) == '\\') {
            end = s.indexOf("\"\"\"", end + 3);
        }
        return end < 0 ? s.length() : end + 3;
    }
}
