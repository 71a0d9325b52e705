package nl.marketplace.reviews.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * Single statements share a few pipelined connections (reviews.db.pipelined-connections, 4 by
 * default); a statement sent alone takes a connection of the pool to itself. Which backends ran 16
 * statements sent at once, each sleeping long enough that all are in flight together, tells them apart.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class PipelinedReadsTest {

    private static final String WHO = "SELECT pg_backend_pid() AS pid, pg_sleep(0.2)";

    @Inject
    Db db;

    private Set<Integer> backends(BiFunction<String, Tuple, Uni<RowSet<Row>>> send) {
        List<Uni<Integer>> statements = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            statements.add(send.apply(WHO, Tuple.tuple()).map(rows -> rows.iterator().next().getInteger("pid")));
        }
        return new HashSet<>(Uni.join().all(statements).andFailFast().await().atMost(Duration.ofSeconds(30)));
    }

    @Test
    void singleStatementsSharePipelinedConnections() {
        Set<Integer> backends = backends(db::query);
        assertTrue(backends.size() <= 4, "16 statements at once ran on " + backends.size() + " backends, at most 4 connections");
        // 16 in flight, at most 4 on a connection: all 4 connections were used
        assertEquals(4, backends.size(), "backends " + backends);
    }

    @Test
    void aStatementSentAloneTakesAConnectionOfThePool() {
        Set<Integer> backends = backends(db::queryAlone);
        assertTrue(backends.size() > 4, "16 statements at once, each alone on a connection, ran on " + backends.size() + " backends");
    }
}
