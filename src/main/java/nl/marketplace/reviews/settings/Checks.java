package nl.marketplace.reviews.settings;

import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * Collects what is wrong with the service's settings, one line per problem, each naming the setting,
 * its value and what it must be: {@code reviews.mail.send-timeout=30s: must be shorter than
 * reviews.mail.lease (10s)}. Each feature states its own rules ({@link CheckedSettings}); the values
 * are shown as they were given (raw), so the line matches what the operator wrote.
 */
public final class Checks {

    /** A setting's value as written (in a file, a system property, the environment, or its default). */
    public record Given(String raw, boolean isDefault) {
    }

    private final Function<String, Given> lookup;
    private final List<String> problems = new ArrayList<>();

    /** @param lookup a setting's value as written, or null when it has none */
    public Checks(Function<String, Given> lookup) {
        this.lookup = lookup;
    }

    /** The problems found, in order. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Another setting's value as written, or the fallback when it has none. */
    public String valueOr(String name, String fallback) {
        Given given = lookup.apply(name);
        return given == null || given.raw() == null || given.raw().isBlank() ? fallback : given.raw();
    }

    /** The value as written (a password in a URL masked), and whether it is the default. */
    String shown(String name, Object value) {
        Given given = lookup.apply(name);
        String text = given == null || given.raw() == null ? String.valueOf(value) : given.raw().replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
        return given == null || given.isDefault() ? text + " (the default)" : text;
    }

    /** A problem with a setting unless {@code ok}. */
    public Checks require(boolean ok, String name, Object value, String mustBe) {
        if (!ok) {
            problems.add(name + "=" + shown(name, value) + ": must be " + mustBe);
        }
        return this;
    }

    /** A problem with a secret setting, whose value is never shown. */
    public Checks requireSecret(boolean ok, String name, String mustBe) {
        if (!ok) {
            problems.add(name + " (value not shown): must be " + mustBe);
        }
        return this;
    }

    public Checks between(String name, long value, long min, long max) {
        return require(value >= min && value <= max, name, value, "from " + min + " to " + max);
    }

    public Checks atLeast(String name, long value, long min) {
        return require(value >= min, name, value, "at least " + min);
    }

    /** A decimal threshold on the 1-10 score scale. */
    public Checks onScoreScale(String name, java.math.BigDecimal value) {
        return require(value.compareTo(java.math.BigDecimal.ONE) >= 0 && value.compareTo(java.math.BigDecimal.TEN) <= 0, name, value,
                "from 1 to 10 (the score scale)");
    }

    public Checks positive(String name, Duration value) {
        return require(!value.isNegative() && !value.isZero(), name, value, "a positive duration");
    }

    public Checks notNegative(String name, Duration value) {
        return require(!value.isNegative(), name, value, "zero or a positive duration");
    }

    /** At least one whole day (calendar days: a period of days, months or years). */
    public Checks wholeDays(String name, Period value) {
        return require(!value.isNegative() && !value.isZero(), name, value, "a positive period in days, months or years (P14D)");
    }

    /** {@code value} shorter than {@code other}. */
    public Checks shorter(String name, Duration value, String otherName, Duration other) {
        return require(value.compareTo(other) < 0, name, value, "shorter than " + otherName + " (" + shown(otherName, other) + ")");
    }

    /** {@code value} at least {@code other}. */
    public Checks notShorter(String name, Duration value, String otherName, Duration other) {
        return require(value.compareTo(other) >= 0, name, value, "at least " + otherName + " (" + shown(otherName, other) + ")");
    }

    /** A cron expression as the scheduler reads it (Quartz: seconds first). */
    public Checks cron(String name, String value) {
        boolean ok;
        try {
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ)).parse(value).validate();
            ok = true;
        } catch (IllegalArgumentException e) {
            ok = false;
        }
        return require(ok, name, value, "a Quartz cron expression (seconds minutes hours day-of-month month day-of-week: 0 15 0 * * ?)");
    }

    /** An absolute http(s) URL to which a query string can be added. */
    public Checks pageUrl(String name, String value) {
        boolean ok;
        try {
            URI uri = new URI(value);
            ok = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (java.net.URISyntaxException e) {
            ok = false;
        }
        return require(ok, name, value, "an absolute http(s) URL without a query or fragment (the mail adds its query, such as ?token=…)");
    }
}
