-- Search in review texts (issue 23): PostgreSQL's own text search, in Dutch and in English.
--
-- Reviews carry no language, so every text is indexed with both the 'dutch' and the 'english'
-- configuration (one tsvector holds both sets of lexemes) and a searched word is looked up by
-- both stems. Snowball's stems alone do not join a word's forms ('verpakt' stays 'verpakt' while
-- 'verpakking' becomes 'verpak'; 'geleverd' stays 'geleverd' while 'levering' becomes 'lever'), so
-- a searched stem matches as a prefix (verpak:* finds 'verpakt', 'verpakking', 'verpakkingen'), and
-- search_synonym lists the forms a prefix cannot join, mostly past participles (ge-leverd).
CREATE FUNCTION review_text_vector(t text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('dutch', coalesce(t, '')) || to_tsvector('english', coalesce(t, '')) $$;

-- Stored, so that a search reads the lexemes instead of parsing every text it looks at, in a table
-- of their own: on review they made every row half as wide again (113 to 190 MB on the benchmark's
-- million reviews), which cost the dashboard page 38% of its requests per second, since each review
-- of a page is a heap fetch. Kept by the triggers below, in the transaction of the change: the
-- review's pros and cons, and its revisions' comments (so a search reads one row per review).
CREATE TABLE review_text_search (
    review_id  bigint   PRIMARY KEY REFERENCES review (id) ON DELETE CASCADE,
    pros       tsvector NOT NULL,
    cons       tsvector NOT NULL,
    revisions  tsvector
);
CREATE INDEX review_text_search_pros ON review_text_search USING gin (pros);
CREATE INDEX review_text_search_cons ON review_text_search USING gin (cons);
CREATE INDEX review_text_search_revisions ON review_text_search USING gin (revisions);

CREATE FUNCTION revision_comments_vector(of_review bigint) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT review_text_vector(string_agg(v.comment, ' ' ORDER BY v.created_at, v.id)) FROM revision v WHERE v.review_id = $1 $$;

-- New reviews, and reviews whose pros or cons change (one statement per statement, as in V10).
CREATE FUNCTION add_review_text_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO review_text_search (review_id, pros, cons)
    SELECT id, review_text_vector(pros), review_text_vector(cons) FROM new_rows;
    RETURN NULL;
END $$;
CREATE TRIGGER review_text_search_insert AFTER INSERT ON review
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION add_review_text_search();
CREATE FUNCTION change_review_text_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE review_text_search s SET pros = review_text_vector(n.pros), cons = review_text_vector(n.cons)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE s.review_id = n.id AND (n.pros IS DISTINCT FROM o.pros OR n.cons IS DISTINCT FROM o.cons);
    RETURN NULL;
END $$;
CREATE TRIGGER review_text_search_update AFTER UPDATE ON review
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION change_review_text_search();

CREATE FUNCTION keep_revision_search() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE review_text_search s SET revisions = revision_comments_vector(s.review_id)
    WHERE s.review_id IN (SELECT review_id FROM changed_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER revision_search_insert AFTER INSERT ON revision
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_revision_search();
-- An update may move a revision to another review: both reviews are kept.
CREATE FUNCTION keep_revision_search_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE review_text_search s SET revisions = revision_comments_vector(s.review_id)
    WHERE s.review_id IN (SELECT review_id FROM old_rows UNION SELECT review_id FROM new_rows);
    RETURN NULL;
END $$;
CREATE TRIGGER revision_search_update AFTER UPDATE ON revision
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_revision_search_after_update();
CREATE TRIGGER revision_search_delete AFTER DELETE ON revision
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_revision_search();

INSERT INTO review_text_search (review_id, pros, cons, revisions)
SELECT r.id, review_text_vector(r.pros), review_text_vector(r.cons),
       CASE WHEN EXISTS (SELECT 1 FROM revision v WHERE v.review_id = r.id) THEN revision_comments_vector(r.id) END
FROM review r;

-- Words that mean the same for a search and that no common stem prefix joins: a searched word
-- whose Dutch stem is the stem of a word of a group also finds every other word of that group.
-- Data, not code: a row added here takes effect on the next search.
CREATE TABLE search_synonym (
    grp   text NOT NULL,
    word  text NOT NULL CHECK (word = lower(word) AND word <> '' AND word !~ '[[:space:]]'),
    PRIMARY KEY (grp, word)
);
INSERT INTO search_synonym (grp, word) VALUES
    ('leveren', 'leveren'), ('leveren', 'levering'), ('leveren', 'geleverd'),
    ('bezorgen', 'bezorgen'), ('bezorgen', 'bezorging'), ('bezorgen', 'bezorgd'),
    ('verzenden', 'verzenden'), ('verzenden', 'verzending'), ('verzenden', 'verzonden'),
    ('versturen', 'versturen'), ('versturen', 'verstuurd'),
    ('bestellen', 'bestellen'), ('bestellen', 'bestelling'), ('bestellen', 'besteld'),
    ('betalen', 'betalen'), ('betalen', 'betaling'), ('betalen', 'betaald'),
    ('verpakken', 'verpakken'), ('verpakken', 'verpakking'), ('verpakken', 'verpakt'), ('verpakken', 'ingepakt'),
    ('inpakken', 'inpakken'), ('inpakken', 'ingepakt'),
    ('ontvangen', 'ontvangen'), ('ontvangen', 'ontvangst'),
    ('retourneren', 'retourneren'), ('retourneren', 'retour'), ('retourneren', 'geretourneerd'),
    ('beschadigen', 'beschadigen'), ('beschadigen', 'beschadiging'), ('beschadigen', 'beschadigd'),
    ('helpen', 'helpen'), ('helpen', 'hulp'), ('helpen', 'geholpen'),
    ('antwoorden', 'antwoorden'), ('antwoorden', 'antwoord'), ('antwoorden', 'beantwoord'), ('antwoorden', 'geantwoord'),
    ('reageren', 'reageren'), ('reageren', 'reactie'), ('reageren', 'gereageerd'),
    ('informeren', 'informeren'), ('informeren', 'informatie'), ('informeren', 'geinformeerd'), ('informeren', 'geïnformeerd'),
    ('beschrijven', 'beschrijven'), ('beschrijven', 'beschrijving'), ('beschrijven', 'beschreven'),
    ('communiceren', 'communiceren'), ('communiceren', 'communicatie'), ('communiceren', 'gecommuniceerd'),
    ('deliver', 'deliver'), ('deliver', 'delivery'), ('deliver', 'delivered'),
    ('pack', 'pack'), ('pack', 'packaging'), ('pack', 'packed');

-- The tsquery of one searched word (lower case, letters and digits): the Dutch and the English
-- stem of the word and of its synonyms, each stem of 4 or more letters as a prefix. NULL when the
-- word is a stop word in both languages (it then limits nothing).
CREATE FUNCTION review_search_word(w text) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    WITH forms AS (
        SELECT w AS form
        UNION
        SELECT s.word FROM search_synonym s
        WHERE s.grp IN (SELECT g.grp FROM search_synonym g
                        WHERE g.word = w OR ts_lexize('dutch_stem', g.word) && ts_lexize('dutch_stem', w))
    )
    SELECT string_agg(DISTINCT quote_literal(l) || CASE WHEN length(l) >= 4 THEN ':*' ELSE '' END, ' | ')::tsquery
    FROM forms, unnest(ts_lexize('dutch_stem', form) || ts_lexize('english_stem', form)) AS l
    $$;

-- A search for all of these words (each as review_search_word; stop words are left out): NULL
-- when only stop words are left, which matches nothing.
CREATE FUNCTION review_search_query(words text[]) RETURNS tsquery
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$
    SELECT string_agg('(' || q::text || ')', ' & ')::tsquery
    FROM unnest(words) AS w, review_search_word(w) AS q
    WHERE q IS NOT NULL
    $$;
