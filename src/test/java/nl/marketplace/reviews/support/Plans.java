package nl.marketplace.reviews.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a statement of the service reads, on a database of a test's own: the statement runs as the
 * service runs it (prepared, generic plan) under EXPLAIN ANALYZE in a transaction that is rolled
 * back, and every scan node's rows (returned plus filtered away, times loops) are added up.
 */
public final class Plans {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Plans() {
    }

    /** What a statement read and how. */
    public record Plan(long rowsRead, long rowsOut, List<String> scans, String json) {

        /** How many times the statement looked into the table (its scans' loops, summed): a lookup per row is a loop each. */
        public long lookupsOf(String relation) {
            try {
                return loops(JSON.readTree(json), relation);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static long loops(JsonNode node, String relation) {
            long loops = relation.equals(node.path("Relation Name").asText()) ? node.path("Actual Loops").asLong() : 0;
            for (JsonNode child : node.path("Plans")) {
                loops += loops(child, relation);
            }
            return loops;
        }
    }

    /** A new database of this name (dropped first when left over), made by Flyway; its JDBC URL. */
    public static String freshDatabase(String name) throws SQLException {
        try (Connection admin = admin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        }
        String url = "jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/" + name;
        org.flywaydb.core.Flyway.configure().dataSource(url, TestEnvironment.USER, "").locations("classpath:db/migration").load().migrate();
        return url;
    }

    public static void dropDatabase(String name) throws SQLException {
        try (Connection admin = admin(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** A connection to a test's own database. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestEnvironment.USER, "");
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + TestEnvironment.HOST + ":" + TestEnvironment.PORT + "/postgres",
                TestEnvironment.USER, "");
    }

    /** The plan of the statement (with $1, $2, … parameters) run with these SQL literals as its arguments. */
    public static Plan explain(String url, String sql, String... args) throws SQLException {
        try (Connection c = connect(url); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                st.execute("SET plan_cache_mode = force_generic_plan");
                st.execute("PREPARE planned AS " + sql);
                String execute = args.length == 0 ? "EXECUTE planned" : "EXECUTE planned(" + String.join(", ", args) + ")";
                try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + execute)) {
                    rs.next();
                    JsonNode plan = JSON.readTree(rs.getString(1)).get(0).get("Plan");
                    List<String> scans = new ArrayList<>();
                    long read = rowsRead(plan, scans);
                    return new Plan(read, plan.path("Actual Rows").asLong(), scans, plan.toPrettyString());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } finally {
                c.rollback();
            }
        }
    }

    private static long rowsRead(JsonNode node, List<String> scans) {
        long read = 0;
        String type = node.path("Node Type").asText();
        // Reads of a table or an index of one (a Subquery Scan only passes its child's rows on).
        if (type.contains("Scan") && node.has("Relation Name")) {
            long loops = Math.max(1, node.path("Actual Loops").asLong());
            read += (node.path("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong()
                    + node.path("Rows Removed by Index Recheck").asLong()) * loops;
            scans.add(type + (node.has("Index Name") ? " " + node.get("Index Name").asText() : "")
                    + (node.has("Relation Name") ? " on " + node.get("Relation Name").asText() : ""));
        }
        for (JsonNode child : node.path("Plans")) {
            read += rowsRead(child, scans);
        }
        return read;
    }
}
