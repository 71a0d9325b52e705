package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.graphql.execution.datafetcher.BatchDataFetcher;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Trips when an upgrade stops using this service's fetchers: the resolvers that return a Uni are
 * called by LeanUniFetchers, and Review.revisions / .reply / .partner answer loaded values before
 * SmallRye's batch resolver (review.LoadedFieldFetchers). That they answer correctly, and that
 * look-ahead still sees the selection through their context, the operation and statement-count
 * tests show.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class LeanUniFetchersTest {

    @Inject
    GraphQLSchema schema;

    private DataFetcher<?> fetcher(String type, String field) {
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field),
                schema.getObjectType(type).getFieldDefinition(field));
    }

    @Test
    void uniResolversAreCalledByTheLeanFetcher() {
        assertInstanceOf(LeanUniFetchers.Lean.class, fetcher("Query", "partner"));
        assertInstanceOf(LeanUniFetchers.Lean.class, fetcher("Partner", "score"));
        assertInstanceOf(LeanUniFetchers.Lean.class, fetcher("Mutation", "reply"));
        assertInstanceOf(LeanUniFetchers.Lean.class, fetcher("Review", "orderNumber"));
        assertInstanceOf(LeanUniFetchers.Lean.class, fetcher("PartnerScore", "partner"));
    }

    /**
     * No field is one of SmallRye's batch resolvers (graphql.Batcher instead): then SmallRye gives a
     * request no data loaders, and graphql-java does not dispatch them after every field.
     */
    @Test
    void noFieldIsFetchedBySmallRyesBatchResolver() {
        for (graphql.schema.GraphQLNamedType type : schema.getAllTypesAsList()) {
            if (type instanceof graphql.schema.GraphQLObjectType object && !object.getName().startsWith("__")) {
                for (graphql.schema.GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                    assertEquals(false, fetcher(object.getName(), field.getName()) instanceof BatchDataFetcher,
                            object.getName() + "." + field.getName());
                }
            }
        }
    }

    @Test
    void loadedNestedFieldsAreWrapped() {
        for (String field : new String[] { "revisions", "reply" }) {
            DataFetcher<?> fetcher = fetcher("Review", field);
            assertEquals(false, fetcher instanceof BatchDataFetcher, "Review." + field + " is SmallRye's own fetcher");
            assertEquals("nl.marketplace.reviews.review.LoadedFieldFetchers", fetcher.getClass().getNestHost().getName());
        }
    }
}
