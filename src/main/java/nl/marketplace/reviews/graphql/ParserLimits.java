package nl.marketplace.reviews.graphql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.language.Document;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.StartupEvent;

/**
 * graphql-java parses operations with its default operation parser options, which stop at 15,000
 * tokens with SmallRye's bare "Unparseable input document" (quarkus.smallrye-graphql.parser-max-tokens
 * sets other options). Raising the token limit lets an oversized query reach the complexity limit
 * (2,000), whose error says what is wrong; parsing 50,000 tokens takes milliseconds.
 *
 * <p>A workaround for a framework limit: docs/upstream/parser-max-tokens.md (what, upstream, tripwire).
 */
@ApplicationScoped
public class ParserLimits {

    static final int MAX_TOKENS = 50_000;

    /**
     * A client's operation document parsed as graphql-java parses operations (its default operation
     * options, with the limit raised here): for the edge's check and the metrics' operation name.
     *
     * @throws InvalidSyntaxException when it is not a document
     */
    public static Document parse(String document) {
        return Parser.parse(ParserEnvironment.newParserEnvironment().document(document)
                .parserOptions(ParserOptions.getDefaultOperationParserOptions()).build());
    }

    void raise(@Observes StartupEvent event) {
        ParserOptions.setDefaultOperationParserOptions(
                ParserOptions.getDefaultOperationParserOptions().transform(options -> options.maxTokens(MAX_TOKENS)));
    }
}
