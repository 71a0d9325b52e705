-- What reviews talk about (review.ReviewTopics, topic/, issue 23).

-- A topic: any of its words, each as review_search_word (V14). NULL when all are stop words.
CREATE FUNCTION review_topic_query(words text[]) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT string_agg('(' || q::text || ')', ' | ')::tsquery
    FROM unnest(words) AS w, review_search_word(w) AS q
    WHERE q IS NOT NULL
    $$;

-- The share of all partners' reviews that mention each topic over the 3-month window ending on a
-- day: computed by topic.PlatformTopicsJob (once a day, any instance; a second run writes the same
-- figures), read by every request beside the partner's own share. Days older than the job's
-- retention are deleted by the job.
CREATE TABLE platform_topic_share (
    day           date    NOT NULL,
    topic         text    NOT NULL,
    review_count  integer NOT NULL,
    mention_count integer NOT NULL,
    pros_count    integer NOT NULL,
    cons_count    integer NOT NULL,
    computed_at   timestamptz NOT NULL,
    PRIMARY KEY (day, topic)
);
