-- Reply rate and speed (score.ReplyPerformance, issue 23) are figures computed from replies and kept
-- like the other figures at the partner's score_version (V10): from now on a reply, its change and its
-- removal move that version too, in the same transaction.
CREATE FUNCTION bump_score_version_of_replies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE partner p SET score_version = p.score_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE partner p SET score_version = p.score_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM old_rows));
    ELSE
        UPDATE partner p SET score_version = p.score_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER reply_score_version_insert AFTER INSERT ON reply
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version_of_replies();
CREATE TRIGGER reply_score_version_update AFTER UPDATE ON reply
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version_of_replies();
CREATE TRIGGER reply_score_version_delete AFTER DELETE ON reply
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version_of_replies();

-- A change of score_version is a change of the partner row, which moves public_version too (V13's
-- row trigger on partner): V13's own reply triggers would only update the partner row a second time.
DROP TRIGGER reply_public_version_insert ON reply;
DROP TRIGGER reply_public_version_update ON reply;
DROP TRIGGER reply_public_version_delete ON reply;
