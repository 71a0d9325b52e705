package nl.marketplace.reviews.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;

/**
 * Checks every {@code reviews.*} setting when the service starts, before it serves anything: each
 * group's own rules ({@link CheckedSettings}), and that every {@code reviews.*} name given is one
 * the service knows (a typo would otherwise be ignored in silence). A wrong value stops the start
 * with one line per problem naming the setting, its value and what it must be (Quarkus prints a
 * {@link ConfigurationException} without a stack trace), as a missing database does. Environment
 * variables that Kubernetes makes for a Service in the namespace (REVIEWS_DB_RW_SERVICE_HOST,
 * REVIEWS_DB_RW_PORT_5432_TCP for CloudNativePG's reviews-db-rw) are not settings and are let be.
 */
@ApplicationScoped
public class SettingsAtStart {

    /** Read with @ConfigProperty, not through a checked group: booleans and dev-mode paths. */
    static final Set<String> OTHER_SETTINGS = Set.of(
            "reviews.demo-data.load", "reviews.embedded-postgres.enabled", "reviews.embedded-postgres.data-dir",
            "reviews.dashboard.dev-sign-in", "reviews.dashboard.dev-sign-in.key", "reviews.graphql-metrics.enabled",
            // Where the tests' clock starts (src/test/.../TestClock); the service never reads it outside the tests.
            "reviews.test.now");

    /**
     * Before every other start-up observer: the scheduler starts its jobs on StartupEvent too
     * (at PLATFORM_BEFORE), and a job that runs while a refused start shuts down logs a stack trace
     * beside the one line that matters.
     */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE - 1000) StartupEvent event, @Any Instance<CheckedSettings> groups,
            Config config) {
        List<String> problems = problems(groups, config);
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Invalid settings, the service does not start:\n" + String.join("\n", problems));
        }
    }

    static List<String> problems(Iterable<CheckedSettings> groups, Config config) {
        Checks checks = new Checks(name -> given(config, name));
        Set<String> known = new TreeSet<>(OTHER_SETTINGS);
        for (CheckedSettings group : groups) {
            group.check(checks);
            known.addAll(names(group));
        }
        List<String> problems = new ArrayList<>(checks.problems());
        // A map's names stand as "prefix.*" (a key of the map): any one name segment there.
        List<java.util.regex.Pattern> keyed = known.stream().filter(n -> n.contains("*")).map(SettingsAtStart::namePattern).toList();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("reviews.") && !known.contains(name) && keyed.stream().noneMatch(p -> p.matcher(name).matches())
                    && !kubernetesServiceLink(config, name)) {
                problems.add(name + "=" + checks.valueOr(name, "") + ": is not a setting of this service (README, Configuration)");
            }
        }
        return problems;
    }

    /** A name with map keys or list indexes ("*") as a pattern: a "*" is one segment (a key, an index). */
    static java.util.regex.Pattern namePattern(String name) {
        StringBuilder regex = new StringBuilder();
        for (String part : name.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append("[^.\\[\\]]+");
            }
            regex.append(java.util.regex.Pattern.quote(part));
        }
        return java.util.regex.Pattern.compile(regex.toString().replace("\\Q\\E", ""));
    }

    /** Kubernetes' service links: <SERVICE>_SERVICE_HOST, _SERVICE_PORT[_NAME], _PORT, _PORT_<n>_<PROTO>[_PROTO|_PORT|_ADDR]. */
    private static final java.util.regex.Pattern SERVICE_LINK = java.util.regex.Pattern.compile(
            "[A-Z0-9_]+_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT|PORT_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)");

    static boolean kubernetesServiceLink(Config config, String name) {
        ConfigValue value = config.getConfigValue(name);
        return value != null && value.getSourceName() != null && value.getSourceName().startsWith("EnvConfigSource")
                && SERVICE_LINK.matcher(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")).matches();
    }

    /** The full names of a group's settings, from its @ConfigMapping interface. */
    static Set<String> names(CheckedSettings group) {
        for (Class<?> type = group.getClass(); type != null; type = type.getSuperclass()) {
            for (Class<?> candidate : type.getInterfaces()) {
                ConfigMapping mapping = candidate.getAnnotation(ConfigMapping.class);
                if (mapping != null) {
                    return ConfigMappings.getProperties(new ConfigMappings.ConfigClass(candidate, mapping.prefix())).keySet();
                }
            }
        }
        throw new IllegalStateException(group.getClass() + " is not a @ConfigMapping");
    }

    /** The value as written, or null; defaults live in a source of the lowest ordinal. */
    private static Checks.Given given(Config config, String name) {
        ConfigValue value = config.getConfigValue(name);
        return value == null || value.getValue() == null ? null
                : new Checks.Given(value.getRawValue(), value.getSourceOrdinal() == Integer.MIN_VALUE);
    }
}
