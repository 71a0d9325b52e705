package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;

/** The depth and size limits on the syntax tree, as graphql-java counted them: plain JUnit, no Quarkus. */
class QueryLimitsUnitTest {

    private static Optional<String> verdict(String document) {
        Document parsed = Parser.parse(document);
        OperationDefinition operation = parsed.getDefinitionsOfType(OperationDefinition.class).get(0);
        Map<String, FragmentDefinition> fragments = parsed.getDefinitionsOfType(FragmentDefinition.class).stream()
                .collect(Collectors.toMap(FragmentDefinition::getName, f -> f));
        return QueryLimits.verdict(operation, fragments);
    }

    /** a { a { ... { id } } } with this many levels of fields, the leaf included. */
    private static String nested(int levels) {
        return "{ " + "a { ".repeat(levels - 1) + "id" + " }".repeat(levels - 1) + " }";
    }

    @Test
    void twelveLevelsRunAndThirteenAreTooDeep() {
        assertEquals(Optional.empty(), verdict(nested(QueryLimits.MAX_DEPTH)));
        assertEquals(Optional.of("maximum query depth exceeded 13 > 12"), verdict(nested(QueryLimits.MAX_DEPTH + 1)));
    }

    @Test
    void twoThousandFieldsRunAndOneMoreIsTooMany() {
        assertEquals(Optional.empty(), verdict("{ " + "a ".repeat(QueryLimits.MAX_FIELDS) + "}"));
        assertEquals(Optional.of("maximum query complexity exceeded 2001 > 2000"), verdict("{ " + "a ".repeat(QueryLimits.MAX_FIELDS + 1) + "}"));
    }

    @Test
    void fragmentsCountWhereverTheyAreSpread() {
        // 3 spreads of 700 fields: 2,100 fields, though the document has 700 names.
        String fragment = "fragment F on Query { " + "a ".repeat(700) + "}";
        assertEquals(Optional.of("maximum query complexity exceeded 2101 > 2000"), verdict("{ ...F x: b { ...F } ... on Query { ...F } } " + fragment));
        // Depth passes through fragments and inline fragments: 6 levels outside, 7 in the fragment.
        String seven = "a { ".repeat(6) + "b" + " }".repeat(6);
        assertEquals(Optional.of("maximum query depth exceeded 13 > 12"),
                verdict("{ " + "x { ".repeat(6) + "... on Q { ...G } " + "} ".repeat(6) + "} fragment G on Q { " + seven + " id }"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "graphql-js-defaults", "graphiql" })
    void theStandardIntrospectionQueriesAreLeftToTheGoodFaithCheck(String name) throws IOException {
        String query;
        try (InputStream in = QueryLimitsUnitTest.class.getResourceAsStream("/introspection/" + name + ".graphql")) {
            query = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(Optional.empty(), verdict(query), "15 levels of ofType, introspection only");
        // The same depth beside data is refused: only pure introspection is exempt.
        String withData = query.replace("__schema {", "partner(id: \"x\") { " + "a { ".repeat(12) + "b" + " }".repeat(12) + " } __schema {");
        assertEquals(true, verdict(withData).isPresent());
    }

    /**
     * QueryLimits stands in for SmallRye's chain of one (its QueryCache) and forwards the validation
     * step to it: a valid document is kept, so the next request with it is neither parsed nor validated.
     */
    @Test
    void smallRyesQueryCacheStillKeepsTheValidDocuments() throws Exception {
        graphql.schema.GraphQLSchema schema = graphql.schema.idl.UnExecutableSchemaGenerator.makeUnExecutableSchema(
                new graphql.schema.idl.SchemaParser().parse("type Query { a: String }"));
        io.smallrye.graphql.execution.QueryCache cache = new io.smallrye.graphql.execution.QueryCache();
        graphql.GraphQL.Builder builder = graphql.GraphQL.newGraphQL(schema)
                .instrumentation(new graphql.execution.instrumentation.ChainedInstrumentation(java.util.List.of(cache)))
                .preparsedDocumentProvider(cache);
        graphql.GraphQL graphQL = new QueryLimits().beforeGraphQLBuild(builder).build();
        org.junit.jupiter.api.Assertions.assertTrue(graphQL.getInstrumentation() instanceof QueryLimits, "one instrumentation, not a chain");
        String document = "query Kept { a }";
        assertEquals(java.util.List.of(), graphQL.execute(document).getErrors());
        java.util.concurrent.atomic.AtomicBoolean computed = new java.util.concurrent.atomic.AtomicBoolean();
        cache.getDocumentAsync(graphql.ExecutionInput.newExecutionInput(document).build(), input -> {
            computed.set(true);
            return null;
        }).get();
        assertEquals(false, computed.get(), "the document was kept after its first, valid run");
        assertEquals(1, graphQL.execute("{ nope }").getErrors().size(), "an invalid one is still refused");
    }
}
