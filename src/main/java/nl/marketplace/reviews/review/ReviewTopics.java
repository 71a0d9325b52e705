package nl.marketplace.reviews.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import nl.marketplace.reviews.settings.CheckedSettings;
import nl.marketplace.reviews.settings.Checks;

/**
 * What reviews talk about (tip 7 of "Tips voor goede klantbeoordelingen": "in 20% van de
 * klantenbeoordelingen [werd] de verpakking genoemd"): topics, each a set of words matched through
 * the same text search as {@code ReviewFilter.text} (a review mentions a topic when its pros or cons
 * hold any of the words, as stems, prefixes or synonyms). Configured, checked at start.
 */
@ApplicationScoped
public class ReviewTopics {

    static final int MAX_TOPICS = 20;
    static final int MAX_WORDS = 30;

    @ConfigMapping(prefix = "reviews.topics")
    public interface Config extends CheckedSettings {
        /** Per topic key (lower-case letters), its words. */
        Map<String, List<String>> words();

        /** When the platform's shares are computed (cron, Europe/Amsterdam). */
        @WithDefault("0 40 1 * * ?")
        String platformCron();

        @Override
        default void check(Checks checks) {
            checks.require(!words().isEmpty() && words().size() <= MAX_TOPICS, "reviews.topics.words", words().keySet(),
                    "1 to " + MAX_TOPICS + " topics");
            words().forEach((topic, list) -> {
                String name = "reviews.topics.words." + topic;
                checks.require(topic.matches("[a-z]{1,40}"), name, topic, "a key of lower-case letters a-z");
                checks.require(!list.isEmpty() && list.size() <= MAX_WORDS, name, list, "1 to " + MAX_WORDS + " words");
                for (String word : list) {
                    checks.require(wordProblem(word) == null, name, word, "lower-case words of letters and digits, one each ('" + word + "' is not)");
                }
            });
            checks.cron("reviews.topics.platform-cron", platformCron());
        }
    }

    /** Null, or why a configured word is not one search word as a search reads it. */
    static String wordProblem(String word) {
        try {
            List<String> words = ReviewSearch.words(word, "word");
            return words.size() == 1 && words.get(0).equals(word) ? null : "not one lower-case word";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private final Map<String, List<String>> topics;

    public ReviewTopics(Config config) {
        this.topics = new TreeMap<>(config.words());
    }

    /** The topics by key, in key order. */
    public Map<String, List<String>> all() {
        return topics;
    }

    /** A topic's words, or BAD_USER_INPUT on {@code argument} naming the topics there are. */
    public List<String> words(String topic, String argument) {
        List<String> words = topics.get(topic);
        if (words == null) {
            throw new nl.marketplace.reviews.graphql.BadUserInputException(argument, "must be one of " + topics.keySet());
        }
        return words;
    }
}
