-- Whether a review has a reply and revisions, on the review itself: a page of reviews looks up the
-- reply and the revisions of only the reviews that have them (a gated lateral join), not of every
-- review on the page. Those two index probes per review were most of the page's reads (issue 22:
-- of a large shop's page's 140 buffers, 70 were replies' and 43 revisions', the reviews themselves
-- 24, though 3 in 10 reviews have a reply and 1 in 20 a revision).
ALTER TABLE review
    ADD COLUMN has_reply boolean NOT NULL DEFAULT false,
    ADD COLUMN has_revisions boolean NOT NULL DEFAULT false;

-- Kept by the tables they speak of, in the transaction that changes them: the flags are recomputed
-- for every review a statement touched, whatever the statement did.
CREATE FUNCTION keep_review_nested_flags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT review_id) INTO touched FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT review_id) INTO touched FROM old_rows;
    ELSE
        SELECT array_agg(review_id) INTO touched FROM (SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows) c;
    END IF;
    UPDATE review r SET has_reply = f.has_reply, has_revisions = f.has_revisions
    FROM (SELECT t.id,
                 EXISTS (SELECT 1 FROM reply y WHERE y.review_id = t.id) AS has_reply,
                 EXISTS (SELECT 1 FROM revision v WHERE v.review_id = t.id) AS has_revisions
          FROM unnest(touched) AS t(id)) f
    WHERE r.id = f.id AND (r.has_reply, r.has_revisions) IS DISTINCT FROM (f.has_reply, f.has_revisions);
    RETURN NULL;
END $$;

-- Named to fire before the score-version triggers of the same statement (triggers fire in name
-- order): the review row is locked before the partner row, as a revision's update of the review does,
-- so a reply and a re-review of one review never wait for each other in opposite orders.
CREATE TRIGGER reply_flag_insert AFTER INSERT ON reply
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();
CREATE TRIGGER reply_flag_update AFTER UPDATE ON reply
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();
CREATE TRIGGER reply_flag_delete AFTER DELETE ON reply
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();
CREATE TRIGGER revision_flag_insert AFTER INSERT ON revision
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();
CREATE TRIGGER revision_flag_update AFTER UPDATE ON revision
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();
CREATE TRIGGER revision_flag_delete AFTER DELETE ON revision
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_review_nested_flags();

-- The flags of the reviews there are: V20, a transaction of its own, so that this one holds its lock on
-- review only for the instant of adding columns and triggers.
