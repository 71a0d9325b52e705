package nl.marketplace.reviews.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import nl.marketplace.reviews.db.SchemaCurrent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Loads the demo data into an empty database when {@code reviews.demo-data.load} is true. */
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    void load(@Observes SchemaCurrent schema, Pool pool, Clock clock,
            @ConfigProperty(name = "reviews.demo-data.load") boolean enabled) {
        if (!enabled) {
            return;
        }
        String generator = resource("demo/generate-reviews.sql");
        String demo = resource("demo/demo-data.sql");
        // Runs once the schema is current (on the main thread during start-up, or in the readiness
        // check), before the pod is ready, so waiting is right here: a service that answers before
        // its demo data exists would look broken.
        boolean loaded = pool.withTransaction(conn -> conn.query("SELECT 1 FROM partner LIMIT 1").execute()
                .chain(rows -> rows.size() > 0
                        ? io.smallrye.mutiny.Uni.createFrom().item(false)
                        : conn.preparedQuery("SELECT set_config('reviews.now', $1, true)").execute(Tuple.of(clock.instant().toString()))
                                .chain(() -> conn.query(generator).execute())
                                .chain(() -> conn.query(demo).execute()).replaceWith(true)))
                .await().atMost(Duration.ofMinutes(2));
        LOG.info(loaded ? "Demo data loaded" : "Database has data already: demo data not loaded");
    }

    private static String resource(String name) {
        try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
