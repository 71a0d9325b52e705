package nl.marketplace.reviews.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Which fields the lean fetcher serves. That their answers are right is shown by every other test
 * (the operations' answers, the schema), which run with it in place.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PlainFieldFetchersTest {

    @Inject
    GraphQLSchema schema;

    private DataFetcher<?> fetcher(String type, String field) {
        GraphQLObjectType object = schema.getObjectType(type);
        return schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), object.getFieldDefinition(field));
    }

    @Test
    void plainFieldsAreReadDirectly() {
        for (String field : new String[] { "id", "authorName", "overall", "classification", "pros", "subScores" }) {
            assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("Review", field), "Review." + field);
        }
        assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("ReviewConnection", "edges"));
        assertInstanceOf(PlainFieldFetchers.Plain.class, fetcher("SubScores", "deliveryTime"));
    }

    @Test
    void datesAreReadDirectlyAndFormattedAsSmallRyeFormatsThem() {
        // DateTime and Date: the OffsetDateTime or LocalDate through SmallRye's Transformer of the field
        // (OperationsTest and PartnerScoreTest hold the exact strings: "2022-04-02T07:30:00Z").
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("Review", "createdAt"));
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("Reply", "updatedAt"));
        assertInstanceOf(PlainFieldFetchers.Converted.class, fetcher("PartnerScore", "windowStart"));
    }

    @Test
    void resolversKeepSmallRyesFetchers() {
        // Resolvers (@Source, batched, with arguments) are operations, not fields.
        assertFalse(fetcher("Review", "revisions") instanceof PlainFieldFetchers.Plain);
        assertFalse(fetcher("Partner", "reviews") instanceof PlainFieldFetchers.Plain);
        assertFalse(fetcher("Query", "partner") instanceof PlainFieldFetchers.Plain);
    }
}
