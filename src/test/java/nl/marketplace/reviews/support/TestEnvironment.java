package nl.marketplace.reviews.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the tests run against, all real and all their own:
 * <ul>
 * <li>a database on the machine's PostgreSQL (127.0.0.1:5432, trust auth): {@code reviews_test},
 * dropped and made anew once per test run, with the demo data; never the demo data folder;</li>
 * <li>a GreenMail SMTP server, which tests may stop and start, behind an SMTP port of the run's own
 * ({@link TcpProxy}, bound once): a restarted GreenMail takes a new free port and the proxy points
 * there, so no port is ever bound twice (a rebind raced with the old socket's release once);</li>
 * <li>an RSA key pair: the service trusts its public key, {@link Tokens} signs with its private one.</li>
 * </ul>
 */
public class TestEnvironment implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://login.test";
    private static KeyPair keys;
    private static GreenMail smtp;
    private static TcpProxy smtpFront;

    public static final String HOST = System.getProperty("test.db.host", "127.0.0.1");
    public static final String PORT = System.getProperty("test.db.port", "5432");
    /** test.db.name: another name lets a second checkout run its tests beside a running one. */
    public static final String NAME = System.getProperty("test.db.name", "reviews_test");
    public static final String USER = System.getProperty("test.db.user", "postgres");
    public static final String JDBC_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/" + NAME;

    @Override
    public Map<String, String> start() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/postgres", USER, "");
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + NAME);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + HOST + ":" + PORT
                    + " with trust auth for user " + USER + " (see README): " + e.getMessage(), e);
        }
        // While GreenMail is down the front answers as a mail server that is going away would.
        smtpFront = new TcpProxy(freePort(), "421 4.3.2 Service not available\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        startMail();
        Map<String, String> config = serviceConfig(HOST, Integer.parseInt(PORT), NAME, smtpFront.port());
        config.put("reviews.demo-data.load", "true");
        config.put("reviews.invitation.interval", "24h");
        // The alert tests run the job themselves, at the instants they choose.
        config.put("reviews.alerts.interval", "24h");
        return config;
    }

    /** What every instance of the service under test is given: its database, the test key, an SMTP server, quick mail retries. */
    public static Map<String, String> serviceConfig(String host, int dbPort, String database, int smtpPort) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.reactive.url", "postgresql://" + host + ":" + dbPort + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + host + ":" + dbPort + "/" + database);
        config.put("quarkus.datasource.username", USER);
        config.put("mp.jwt.verify.publickey.location", publicKeyFile().toString());
        config.put("reviews.dashboard.dev-sign-in.key", privateKeyFile.toString());
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(smtpPort));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        // Shared by every instance of a test, as in production: one seals a link, another sends the mail.
        config.put("reviews.mail.link-key", "9WfzqzLrs0PZ8GcTbdwjQ7rjdgOEgqoHsCeiZ4mQLmk=");
        config.put("reviews.mail.delivery-interval", "1s");
        config.put("reviews.mail.backoff", "1s");
        config.put("reviews.mail.max-backoff", "2s");
        // A send that never ends (docs/upstream/mail-client-hang.md) fails after this, not after 30 s.
        config.put("reviews.mail.send-timeout", "5s");
        config.put("reviews.re-review.page-url", "https://shop.test/opnieuw");
        config.put("reviews.invitation.page-url", "https://shop.test/beoordeling");
        // The packaged jar does not migrate (the migration Job does: MigrationJobIT); the instances of
        // the tests do, each on the database it is given, as dev mode and the @QuarkusTests do.
        config.put("quarkus.flyway.migrate-at-start", "true");
        return config;
    }

    @Override
    public void stop() {
        stopMail();
        smtpFront.close();
        // The database stays for inspection after a run; the next run makes it anew.
    }

    /** The SMTP server the service delivers to. */
    public static GreenMail mail() {
        return smtp;
    }

    /** The port the service sends mail to. */
    public static int smtpPort() {
        return smtpFront.port();
    }

    /** A new GreenMail on a free port of its own, and the service's mail goes to it. */
    public static synchronized void startMail() {
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        routeMailTo(smtp.getSmtp().getPort());
    }

    /** The service's mail server is gone: a connection to it is told 421 and closed. */
    public static synchronized void stopMail() {
        smtpFront.cut();
        if (smtp != null) {
            smtp.stop();
        }
    }

    /** The service's mail goes to another SMTP server of the test (on a port of its own) while GreenMail is stopped. */
    public static synchronized void routeMailTo(int port) {
        smtpFront.retarget(port);
        smtpFront.resume();
    }

    static KeyPair keys() {
        return keys;
    }

    private static Path publicKeyFile;
    private static Path privateKeyFile;

    /** The public key the services trust, as a PEM file; made once per test JVM (Tokens signs with its pair). */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile != null) {
            return publicKeyFile;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            Path file = Files.createTempFile("reviews-test-jwt", ".pem");
            Files.writeString(file, "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n");
            file.toFile().deleteOnExit();
            // The dashboard's dev sign-in signs with it, as dev mode does with src/dev's key.
            Path privateFile = Files.createTempFile("reviews-test-jwt-private", ".pem");
            Files.writeString(privateFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
            privateFile.toFile().deleteOnExit();
            privateKeyFile = privateFile;
            publicKeyFile = file;
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The database TestData and the checks talk to: the tests' own, or one an integration test set up. */
    private static volatile String database = JDBC_URL;

    /** From now on TestData writes to this database (null: the tests' own again). */
    public static void useDatabase(String jdbcUrl) {
        database = jdbcUrl == null ? JDBC_URL : jdbcUrl;
    }

    /** A JDBC connection for test setup and from-scratch checks. */
    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(database, USER, "");
    }
}
