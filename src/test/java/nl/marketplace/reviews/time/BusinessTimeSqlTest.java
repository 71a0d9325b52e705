package nl.marketplace.reviews.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import nl.marketplace.reviews.support.TestEnvironment;

/**
 * The zone has one home in Java (BusinessTime) and one in SQL (review_score_day, migration V1, by
 * which the score aggregates are kept per day): both must put every moment on the same day.
 */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class BusinessTimeSqlTest {

    @Test
    void javaAndSqlAgreeOnEveryDayAcrossBothDstChanges() throws Exception {
        List<OffsetDateTime> moments = List.of(
                OffsetDateTime.parse("2027-03-27T23:00:00Z"), // 00:00 CET on the day DST starts
                OffsetDateTime.parse("2027-03-27T22:59:59Z"),
                OffsetDateTime.parse("2027-03-28T21:59:59Z"), // 23:59:59 CEST
                OffsetDateTime.parse("2027-03-28T22:00:00Z"),
                OffsetDateTime.parse("2027-10-30T21:59:59Z"),
                OffsetDateTime.parse("2027-10-30T22:00:00Z"), // 00:00 CEST on the day DST ends
                OffsetDateTime.parse("2027-10-31T00:30:00Z"), // the first 02:30
                OffsetDateTime.parse("2027-10-31T01:30:00Z"), // the second 02:30
                OffsetDateTime.parse("2027-10-31T22:59:59Z"),
                OffsetDateTime.parse("2027-10-31T23:00:00Z"),
                OffsetDateTime.parse("2026-12-31T23:00:00Z")); // new year
        try (Connection c = TestEnvironment.connect(); PreparedStatement st = c.prepareStatement("SELECT review_score_day(?)")) {
            for (OffsetDateTime moment : moments) {
                st.setObject(1, moment);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    assertEquals(BusinessTime.day(moment), rs.getObject(1, LocalDate.class), moment.toString());
                }
            }
        }
    }
}
