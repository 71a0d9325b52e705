package nl.marketplace.reviews.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.support.TestEnvironment;

/** The committed schema is the one the service serves. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class SchemaTest {

    static final Path COMMITTED = Path.of("graphql", "schema.graphql");
    static final String HEADER = """
            # The GraphQL schema that the service serves, generated from the code (code-first).
            # Do not edit: regenerate with  ./mvnw test -Dtest=SchemaTest -Dschema.update=true
            # SchemaTest fails while this file differs from the served schema.

            """;

    @Test
    void committedSchemaEqualsTheServedSchema() throws IOException {
        String served = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, HEADER + served);
        }
        String committed = Files.exists(COMMITTED) ? Files.readString(COMMITTED) : "";
        assertEquals(HEADER + served, committed, "graphql/schema.graphql differs from the served schema. If the change is "
                + "intended, regenerate it: ./mvnw test -Dtest=SchemaTest -Dschema.update=true");
    }
}
