package nl.marketplace.reviews.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The example operations against the packaged application (the jar, as it is deployed). With
 * {@code quarkus.package.jar.aot.enabled=true} on JDK 25 this run also trains the AOT cache.
 */
@QuarkusIntegrationTest
class PackagedAppIT extends OperationsTest {
}
