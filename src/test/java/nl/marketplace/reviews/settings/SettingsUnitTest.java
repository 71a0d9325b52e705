package nl.marketplace.reviews.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import nl.marketplace.reviews.alert.AlertService;
import nl.marketplace.reviews.db.DatabaseSettings;
import nl.marketplace.reviews.event.ReviewEventHub;
import nl.marketplace.reviews.http.HttpCaching;
import nl.marketplace.reviews.trusteddocument.PersistedQueries;
import nl.marketplace.reviews.http.RequestLimits;
import nl.marketplace.reviews.invitation.InvitationRules;
import nl.marketplace.reviews.mail.MailDelivery;
import nl.marketplace.reviews.rereview.ReReviewRules;
import nl.marketplace.reviews.rereview.ReReviewService;
import nl.marketplace.reviews.review.Classifier;
import nl.marketplace.reviews.review.ReviewTopics;
import nl.marketplace.reviews.score.ScoreService;

/**
 * Every rule of the settings, one wrong value at a time, through the real mappings (SmallRye Config
 * with Quarkus' converters, as the service reads them) and the start-up check's own code: the line
 * a wrong value gives names the setting, its value and what it must be.
 */
class SettingsUnitTest {

    /** Every checked group of the service. */
    static final List<Class<? extends CheckedSettings>> GROUPS = List.of(Classifier.Config.class, ScoreService.Config.class,
            MailDelivery.Config.class, ReReviewRules.Config.class, ReReviewService.ContactLimits.class, InvitationRules.Config.class,
            ReviewEventHub.Config.class, PersistedQueries.Config.class, RequestLimits.class, HttpCaching.Config.class,
            DatabaseSettings.class, ReviewTopics.Config.class, AlertService.Config.class);

    private static final String KEY = "9WfzqzLrs0PZ8GcTbdwjQ7rjdgOEgqoHsCeiZ4mQLmk=";

    static List<String> problems(Map<String, String> given) {
        return problems(given, Map.of());
    }

    /** With these environment variables too (as the pod's environment gives them). */
    static List<String> problems(Map<String, String> given, Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(given);
        settings.putIfAbsent("reviews.mail.link-key", KEY);
        // A map has no defaults in the mapping: application.properties gives the topics.
        if (settings.keySet().stream().noneMatch(n -> n.startsWith("reviews.topics.words."))) {
            settings.put("reviews.topics.words.verpakking", "verpakking,doos");
        }
        settings.values().removeIf(v -> v == null);
        // As Quarkus builds it: its converters ("30d"), unknown names left to the service's own check.
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDiscoveredConverters().withValidateUnknown(false)
                .withSources(new PropertiesConfigSource(settings, "test", 100), new io.smallrye.config.EnvConfigSource(environment, 300));
        GROUPS.forEach(builder::withMapping);
        SmallRyeConfig config = builder.build();
        List<CheckedSettings> groups = new ArrayList<>();
        GROUPS.forEach(g -> groups.add(config.getConfigMapping(g)));
        return SettingsAtStart.problems(groups, config);
    }

    @Test
    void theDefaultsPass() {
        assertEquals(List.of(), problems(Map.of()));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            // The outage of issue 19: a shorter lease than the send timeout would let another run send a mail again.
            "reviews.mail.lease|10s|reviews.mail.send-timeout=30s (the default): must be shorter than reviews.mail.lease (10s)",
            "reviews.mail.send-timeout|0s|reviews.mail.send-timeout=0s: must be a positive duration",
            "reviews.mail.parallel-sends|0|reviews.mail.parallel-sends=0: must be from 1 to 64",
            "reviews.mail.parallel-sends|11|reviews.mail.parallel-sends=11: must be at most quarkus.mailer.max-pool-size (10): a send waiting for an SMTP connection would time out",
            "reviews.mail.run-budget|-5s|reviews.mail.run-budget=-5s: must be a positive duration",
            "reviews.mail.max-attempts|0|reviews.mail.max-attempts=0: must be from 1 to 100",
            "reviews.mail.backoff|0s|reviews.mail.backoff=0s: must be a positive duration",
            "reviews.mail.max-backoff|5s|reviews.mail.max-backoff=5s: must be at least reviews.mail.backoff (10s (the default))",
            "reviews.mail.body-retention|0s|reviews.mail.body-retention=0s: must be a positive duration",
            "reviews.mail.retention|10d|reviews.mail.retention=10d: must be at least reviews.mail.body-retention (30d (the default))",
            "reviews.mail.delivery-interval|0s|reviews.mail.delivery-interval=0s: must be a positive duration",
            "reviews.mail.link-key|c2hvcnQ=|reviews.mail.link-key (MAIL_LINK_KEY) (value not shown): must be 32 random bytes in base64, the same on every instance (openssl rand -base64 32); it has 5 bytes",
            "reviews.mail.link-key|not base64!|reviews.mail.link-key (MAIL_LINK_KEY) (value not shown): must be 32 random bytes in base64, the same on every instance (openssl rand -base64 32); it is not base64",
            "reviews.classes.neutral-from|1|reviews.classes.neutral-from=1: must be from 2 to 9",
            "reviews.classes.positive-from|6|reviews.classes.positive-from=6: must be from 7 to 10",
            "reviews.classes.positive-from|11|reviews.classes.positive-from=11: must be from 7 to 10",
            "reviews.score.standard|0.5|reviews.score.standard=0.5: must be from 1 to 10 (the score scale)",
            "reviews.score.top-performance|11|reviews.score.top-performance=11: must be from 1 to 10 (the score scale)",
            "reviews.score.top-performance|7.5|reviews.score.top-performance=7.5: must be at least reviews.score.standard (8.0)",
            "reviews.score.monthly-cron|0 15 0 * *|reviews.score.monthly-cron=0 15 0 * *: must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week: 0 15 0 * * ?)",
            "reviews.re-review.max-age-months|0|reviews.re-review.max-age-months=0: must be from 1 to 24",
            "reviews.re-review.token-validity|P0D|reviews.re-review.token-validity=P0D: must be a positive period in days, months or years (P14D)",
            "reviews.re-review.page-url|opnieuw.html|reviews.re-review.page-url=opnieuw.html: must be an absolute http(s) URL without a query or fragment (the mail adds its query, such as ?token=…)",
            "reviews.re-review.page-url|https://shop.test/x?a=b|reviews.re-review.page-url=https://shop.test/x?a=b: must be an absolute http(s) URL without a query or fragment (the mail adds its query, such as ?token=…)",
            "reviews.customer-contact.per-review-per-day|0|reviews.customer-contact.per-review-per-day=0: must be at least 1",
            "reviews.customer-contact.per-review|1|reviews.customer-contact.per-review=1: must be at least reviews.customer-contact.per-review-per-day (2)",
            "reviews.invitation.first-day|-1|reviews.invitation.first-day=-1: must be from 0 to 365",
            "reviews.invitation.last-day|2|reviews.invitation.last-day=2: must be from 3 to 365",
            "reviews.invitation.link-validity|-P1D|reviews.invitation.link-validity=-P1D: must be a positive period in days, months or years (P14D)",
            "reviews.invitation.page-url|ftp://shop.test/b|reviews.invitation.page-url=ftp://shop.test/b: must be an absolute http(s) URL without a query or fragment (the mail adds its query, such as ?token=…)",
            "reviews.invitation.interval|0s|reviews.invitation.interval=0s: must be a positive duration",
            "reviews.invitation.batch-size|0|reviews.invitation.batch-size=0: must be from 1 to 10000",
            "reviews.events.subscriber-buffer|0|reviews.events.subscriber-buffer=0: must be from 1 to 100000",
            "reviews.events.replay-limit|0|reviews.events.replay-limit=0: must be from 1 to 100000",
            "reviews.events.retention|PT1M|reviews.events.retention=PT1M: must be at least 5 minutes",
            "reviews.events.listen-ping|0s|reviews.events.listen-ping=0s: must be a positive duration",
            "reviews.events.listen-max-backoff|0s|reviews.events.listen-max-backoff=0s: must be a positive duration",
            "reviews.persisted-queries.max-documents|10|reviews.persisted-queries.max-documents=10: must be from 100 to 10000000",
            "reviews.graphql.max-body-bytes|100|reviews.graphql.max-body-bytes=100: must be from 1024 to 16777216",
            "reviews.graphql.max-in-flight|0|reviews.graphql.max-in-flight=0: must be from 1 to 10000",
            "reviews.graphql.max-queued|-1|reviews.graphql.max-queued=-1: must be from 0 to 100000",
            "reviews.graphql.max-queue-wait|-1s|reviews.graphql.max-queue-wait=-1s: must be zero or a positive duration",
            "reviews.graphql.retry-after-seconds|-1|reviews.graphql.retry-after-seconds=-1: must be from 0 to 3600",
            "reviews.graphql.refusal-delay|11s|reviews.graphql.refusal-delay=11s: must be from 0s to 10s",
            "reviews.graphql.max-held|-1|reviews.graphql.max-held=-1: must be from 0 to 100000",
            "reviews.http-cache.max-age|2d|reviews.http-cache.max-age=2d: must be from 0s to 1d",
            "reviews.db.direct-url|mysql://db/x|reviews.db.direct-url=mysql://db/x: must be a PostgreSQL URL: postgresql://host:port/database",
            "reviews.db.direct-url|postgresql://u:geheim@db|reviews.db.direct-url=postgresql://u:***@db: must be a PostgreSQL URL: postgresql://host:port/database",
            "reviews.db.replica.url|reviews-db-ro:5432|reviews.db.replica.url=reviews-db-ro:5432: must be a PostgreSQL URL: postgresql://host:port/database",
            "reviews.db.replica.max-lag|1h|reviews.db.replica.max-lag=1h: must be from 1s to 10m",
            "reviews.db.replica.check-interval|0s|reviews.db.replica.check-interval=0s: must be a positive duration",
            "reviews.db.replica.check-interval|5s|reviews.db.replica.check-interval=5s: must be shorter than reviews.db.replica.max-lag (5s (the default))",
            "reviews.db.replica.timeout|50ms|reviews.db.replica.timeout=50ms: must be from 100ms to 1m",
            "reviews.db.replica.max-size|0|reviews.db.replica.max-size=0: must be from 1 to 1000",
            "reviews.db.pipelined-connections|-1|reviews.db.pipelined-connections=-1: must be from 0 to 1000",
            "reviews.topics.words.verpakking|verpakking!,doos|reviews.topics.words.verpakking=verpakking!,doos: must be lower-case words of letters and digits, one each ('verpakking!' is not)",
            "reviews.topics.words.verpakking|Doos|reviews.topics.words.verpakking=Doos: must be lower-case words of letters and digits, one each ('Doos' is not)",
            "reviews.topics.words.Prijs|prijs|reviews.topics.words.Prijs=prijs: must be a key of lower-case letters a-z",
            "reviews.topics.platform-cron|elke dag|reviews.topics.platform-cron=elke dag: must be a Quartz cron expression (seconds minutes hours day-of-month month day-of-week: 0 15 0 * * ?)",
            "reviews.alerts.interval|0s|reviews.alerts.interval=0s: must be a positive duration",
            "reviews.alerts.dashboard-url|dashboard|reviews.alerts.dashboard-url=dashboard: must be an absolute http(s) URL without a query or fragment (the mail adds its query, such as ?token=…)",
            // A name the service does not know: a typo, or a setting that is gone.
            "reviews.topics.word.prijs|prijs|reviews.topics.word.prijs=prijs: is not a setting of this service (README, Configuration)",
            "reviews.mail.leese|10s|reviews.mail.leese=10s: is not a setting of this service (README, Configuration)",
            "reviews.mail.batch-size|20|reviews.mail.batch-size=20: is not a setting of this service (README, Configuration)",
    })
    void aWrongValueIsOneLineNamingTheSettingItsValueAndWhatItMustBe(String name, String value, String line) {
        assertEquals(List.of(line), problems(Map.of(name, value)));
    }

    @Test
    void goodValuesAtTheEdgesPass() {
        assertEquals(List.of(), problems(Map.of("reviews.db.replica.url", "postgresql://reviews-db-pooler-ro:5432/reviews",
                "reviews.db.replica.max-lag", "1s", "reviews.db.replica.check-interval", "500ms")));
        assertEquals(List.of(), problems(Map.of("reviews.mail.lease", "31s", "reviews.classes.neutral-from", "9",
                "reviews.classes.positive-from", "10", "reviews.score.standard", "8.8", "reviews.invitation.first-day", "0",
                "reviews.invitation.last-day", "0", "reviews.db.direct-url", "postgresql://reviews-db-rw:5432/reviews?sslmode=require",
                "reviews.graphql.max-queued", "0", "reviews.http-cache.max-age", "0s")));
    }

    /** Kubernetes' service links for CloudNativePG's reviews-db-rw are no settings; a typo in the environment is. */
    @Test
    void theEnvironmentIsCheckedButKubernetesServiceLinksAreLetBe() {
        assertEquals(List.of(), problems(Map.of(), Map.of("REVIEWS_DB_RW_SERVICE_HOST", "10.0.0.1", "REVIEWS_DB_RW_SERVICE_PORT", "5432",
                "REVIEWS_DB_RW_PORT", "tcp://10.0.0.1:5432", "REVIEWS_DB_RW_PORT_5432_TCP_ADDR", "10.0.0.1",
                "REVIEWS_DB_RO_SERVICE_PORT_POSTGRES", "5432", "REVIEWS_MAIL_LEASE", "200s")));
        assertEquals(List.of("reviews.mail.leese=10s: is not a setting of this service (README, Configuration)"),
                problems(Map.of(), Map.of("REVIEWS_MAIL_LEESE", "10s")));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertEquals(2, problems(Map.of("reviews.mail.lease", "10s", "reviews.classes.neutral-from", "1")).size());
    }

    /** A setting read some other way than a checked group is at least known by name, and every group is checked. */
    @Test
    void everySettingOfTheServiceIsChecked() throws IOException {
        Pattern property = Pattern.compile("@ConfigProperty\\(name = \"(reviews\\.[^\"]+)\"");
        Pattern mapping = Pattern.compile("@ConfigMapping\\(prefix = \"reviews\\.");
        List<String> unknown = new ArrayList<>();
        int groups = 0;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher m = property.matcher(source);
                while (m.find()) {
                    if (!SettingsAtStart.OTHER_SETTINGS.contains(m.group(1))) {
                        unknown.add(m.group(1));
                    }
                }
                Matcher g = mapping.matcher(source);
                while (g.find()) {
                    groups++;
                }
            }
        }
        assertEquals(List.of(), unknown, "read with @ConfigProperty but not in SettingsAtStart.OTHER_SETTINGS");
        assertEquals(GROUPS.size(), groups, "every @ConfigMapping of reviews.* is a checked group listed here");
        for (Class<? extends CheckedSettings> group : GROUPS) {
            assertTrue(java.util.Arrays.stream(group.getDeclaredMethods()).anyMatch(m -> m.getName().equals("check")),
                    group + " states its rules");
        }
    }
}
