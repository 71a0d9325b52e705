package nl.marketplace.reviews.review;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.stream.Collectors;

import nl.marketplace.reviews.support.Plans;
import nl.marketplace.reviews.support.Plans.Plan;

/** ReviewRepository's statements explained as the service runs them (support.Plans), their arguments given as SQL literals. */
final class RepositoryPlans {

    private RepositoryPlans() {
    }

    static Plan explain(String url, ReviewRepository.Statement statement) throws SQLException {
        String[] literals = statement.args().stream().map(RepositoryPlans::literal).toArray(String[]::new);
        return Plans.explain(url, statement.text(), literals);
    }

    private static String literal(Object arg) {
        if (arg instanceof Long[] keys) {
            return "ARRAY[" + Arrays.stream(keys).map(String::valueOf).collect(Collectors.joining(",")) + "]::bigint[]";
        }
        if (arg instanceof String[] words) {
            return "ARRAY[" + Arrays.stream(words).map(w -> "'" + w.replace("'", "''") + "'").collect(Collectors.joining(",")) + "]::text[]";
        }
        if (arg instanceof Number) {
            return arg.toString();
        }
        throw new IllegalArgumentException("no literal for " + arg.getClass());
    }
}
