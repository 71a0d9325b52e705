package nl.marketplace.reviews.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.UUID;

import nl.marketplace.reviews.graphql.GlobalId;

/** Writes test data straight into the test database, the way the service's own writes leave it. */
public final class TestData {

    private TestData() {
    }

    public static long partner(String name) {
        try (Connection c = TestEnvironment.connect();
                PreparedStatement st = c.prepareStatement("INSERT INTO partner (name) VALUES (?) RETURNING id")) {
            st.setString(1, name);
            return single(st);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A review with an order of its own; sub-scores may be null. Returns the review's key. */
    public static long review(long partner, int overall, Integer deliveryTime, Integer productInformation, Integer delivery,
            Integer contact, OffsetDateTime createdAt) {
        return review(partner, overall, deliveryTime, productInformation, delivery, contact, createdAt, "jenny@example.com", "nl");
    }

    /** A review whose customer has this mail address and language. */
    public static long review(long partner, int overall, OffsetDateTime createdAt, String email, String locale) {
        return review(partner, overall, null, null, null, null, createdAt, email, locale);
    }

    public static long review(long partner, int overall, Integer deliveryTime, Integer productInformation, Integer delivery,
            Integer contact, OffsetDateTime createdAt, String email, String locale) {
        try (Connection c = TestEnvironment.connect()) {
            long order;
            try (PreparedStatement st = c.prepareStatement("INSERT INTO customer_order (order_number, partner_id, customer_id, "
                    + "customer_first_name, customer_city, customer_email, review_opt_in, expected_delivery_date, customer_locale) "
                    + "VALUES (?, ?, ?, 'Jenny', 'Enschede', ?, true, ?, ?) RETURNING id")) {
                st.setString(1, "T-" + UUID.randomUUID());
                st.setLong(2, partner);
                // A customer of its own: "one platform mail a day" must not tie unrelated tests together.
                st.setString(3, "C-" + UUID.randomUUID());
                st.setString(4, email);
                st.setObject(5, createdAt.atZoneSameInstant(TestClock.AMSTERDAM).toLocalDate().minusDays(1));
                st.setString(6, locale);
                order = single(st);
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO review (partner_id, order_id, overall, original_overall, "
                    + "delivery_time, product_information, delivery, contact, anonymous, author_name, created_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, false, 'Jenny uit Enschede', ?) RETURNING id")) {
                st.setLong(1, partner);
                st.setLong(2, order);
                st.setShort(3, (short) overall);
                st.setShort(4, (short) overall);
                st.setObject(5, deliveryTime == null ? null : deliveryTime.shortValue(), java.sql.Types.SMALLINT);
                st.setObject(6, productInformation == null ? null : productInformation.shortValue(), java.sql.Types.SMALLINT);
                st.setObject(7, delivery == null ? null : delivery.shortValue(), java.sql.Types.SMALLINT);
                st.setObject(8, contact == null ? null : contact.shortValue(), java.sql.Types.SMALLINT);
                st.setTimestamp(9, Timestamp.from(createdAt.toInstant()));
                return single(st);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long review(long partner, int overall, OffsetDateTime createdAt) {
        return review(partner, overall, null, null, null, null, createdAt);
    }

    /** A revision, and the review's counting overall score with it (as a re-review does). */
    public static void revise(long review, int overall, String comment, OffsetDateTime at) {
        try (Connection c = TestEnvironment.connect();
                PreparedStatement st = c.prepareStatement("WITH v AS (INSERT INTO revision (review_id, overall, previous_overall, "
                        + "comment, created_at) SELECT id, ?, overall, ?, ? FROM review WHERE id = ? RETURNING review_id) "
                        + "UPDATE review SET overall = ? WHERE id = (SELECT review_id FROM v)")) {
            st.setShort(1, (short) overall);
            st.setString(2, comment);
            st.setTimestamp(3, Timestamp.from(at.toInstant()));
            st.setLong(4, review);
            st.setShort(5, (short) overall);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void reply(long review, String text) {
        execute("INSERT INTO reply (review_id, text) VALUES (" + review + ", '" + text.replace("'", "''") + "')");
    }

    /** A timestamptz literal for SQL written in a test. */
    public static String timestamp(OffsetDateTime at) {
        return "'" + at + "'::timestamptz";
    }

    /** A single number from the test database. */
    public static long count(String sql) {
        try (Connection c = TestEnvironment.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail address of its own for one test, so that tests can count their mails. */
    /** The first column of the first row, as text. */
    public static String string(String sql) {
        try (Connection c = TestEnvironment.connect(); var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String email() {
        return "c-" + UUID.randomUUID() + "@example.com";
    }

    public static void execute(String sql) {
        try (Connection c = TestEnvironment.connect(); var st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String partnerId(long key) {
        return GlobalId.encode("Partner", key);
    }

    public static String reviewId(long key) {
        return GlobalId.encode("Review", key);
    }

    private static long single(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
