package nl.marketplace.reviews.score;

import io.vertx.mutiny.sqlclient.Row;

/** How many counted reviews have each overall score, with the sums and counts of each sub-score. */
final class Tally {

    static final String[] SUB_SCORES = { "delivery_time", "product_information", "delivery", "contact" };

    /** Index 1..10: reviews with that overall score. */
    final long[] byOverall = new long[11];
    final long[] subSum = new long[SUB_SCORES.length];
    final long[] subCount = new long[SUB_SCORES.length];

    /** Adds (sign 1) or takes away (sign -1) an aggregate row. */
    void add(Row row, int sign) {
        byOverall[row.getShort("overall")] += sign * row.getLong("review_count");
        for (int i = 0; i < SUB_SCORES.length; i++) {
            subSum[i] += sign * row.getLong(SUB_SCORES[i] + "_sum");
            subCount[i] += sign * row.getLong(SUB_SCORES[i] + "_count");
        }
    }

    long count() {
        long n = 0;
        for (int o = 1; o <= 10; o++) {
            n += byOverall[o];
        }
        return n;
    }

    long overallSum() {
        long sum = 0;
        for (int o = 1; o <= 10; o++) {
            sum += o * byOverall[o];
        }
        return sum;
    }

    long countBetween(int lowest, int highest) {
        long n = 0;
        for (int o = lowest; o <= highest; o++) {
            n += byOverall[o];
        }
        return n;
    }
}
