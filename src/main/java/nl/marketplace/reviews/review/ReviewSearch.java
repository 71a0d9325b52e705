package nl.marketplace.reviews.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.marketplace.reviews.graphql.BadUserInputException;
import nl.marketplace.reviews.graphql.Texts;

/**
 * The words of a search in review texts ({@code ReviewFilter.text}). A search is plain words, all
 * of which must occur; the matching itself (Dutch and English stems as prefixes, synonyms) is
 * PostgreSQL's, in V14__review_text_search.sql. Operators of a search syntax are refused rather
 * than read as words, so that "verpakking !kapot" does not quietly find reviews that say "kapot".
 */
public final class ReviewSearch {

    /** Longest search text, in characters. */
    public static final int MAX_LENGTH = 200;
    /** Most words in one search. */
    public static final int MAX_WORDS = 10;
    private static final String OPERATORS = "&|!():*<>\\\"";

    private ReviewSearch() {
    }

    /** The lower-case words of a search text (null: no search), or BAD_USER_INPUT on {@code argument}. */
    public static List<String> words(String text, String argument) {
        if (text == null) {
            return null;
        }
        String trimmed = Texts.trimmed(text);
        if (trimmed == null) {
            throw new BadUserInputException(argument, "must hold at least one word");
        }
        String problem = Texts.lineProblem(trimmed, MAX_LENGTH);
        if (problem != null) {
            throw new BadUserInputException(argument, problem);
        }
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < trimmed.length()) {
            int c = trimmed.codePointAt(i);
            if (OPERATORS.indexOf(c) >= 0) {
                throw new BadUserInputException(argument, "holds '" + Character.toString(c)
                        + "': a search is plain words, all of which must occur (no operators such as & | ! * or quotes)");
            }
            if (Character.isLetterOrDigit(c)) {
                int start = i;
                while (i < trimmed.length() && Character.isLetterOrDigit(trimmed.codePointAt(i))) {
                    i += Character.charCount(trimmed.codePointAt(i));
                }
                String word = trimmed.substring(start, i).toLowerCase(Locale.ROOT);
                if (!words.contains(word)) {
                    words.add(word);
                }
            } else {
                i += Character.charCount(c);
            }
        }
        if (words.isEmpty()) {
            throw new BadUserInputException(argument, "must hold at least one word (letters or digits)");
        }
        if (words.size() > MAX_WORDS) {
            throw new BadUserInputException(argument, "must have at most " + MAX_WORDS + " words, had " + words.size());
        }
        return List.copyOf(words);
    }
}
