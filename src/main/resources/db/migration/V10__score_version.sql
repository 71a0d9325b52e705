-- Score caching (score.ScoreService, review.ReviewService): partner.score_version changes in the same
-- transaction as anything a partner's score, monthly figures or review counts are computed from, so a
-- figure computed at one version can be served again while a read of the partner row shows the same
-- version, by every instance, with no notice to wait for: a reader that sees a change in the partner
-- row never gets a figure from before it.
ALTER TABLE partner ADD COLUMN score_version bigint NOT NULL DEFAULT 0;

-- One UPDATE per statement and partner (transition tables), not per review row, so that bulk loads
-- stay fast. Any change to a review counts (not only the scored columns): cheap, and never stale.
CREATE FUNCTION bump_score_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE partner p SET score_version = p.score_version + 1 WHERE p.id IN (SELECT partner_id FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE partner p SET score_version = p.score_version + 1 WHERE p.id IN (SELECT partner_id FROM old_rows);
    ELSE
        UPDATE partner p SET score_version = p.score_version + 1
        WHERE p.id IN (SELECT partner_id FROM new_rows UNION SELECT partner_id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER review_score_version_insert AFTER INSERT ON review
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();
CREATE TRIGGER review_score_version_update AFTER UPDATE ON review
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();
CREATE TRIGGER review_score_version_delete AFTER DELETE ON review
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();
-- Recorded months replace the live figures of closed months.
CREATE TRIGGER monthly_score_version_insert AFTER INSERT ON partner_monthly_score
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();
CREATE TRIGGER monthly_score_version_update AFTER UPDATE ON partner_monthly_score
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();
CREATE TRIGGER monthly_score_version_delete AFTER DELETE ON partner_monthly_score
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_score_version();

-- HIGHEST_OVERALL pages (overall DESC, newest first) in index order; LOWEST_OVERALL has review_partner_overall.
CREATE INDEX review_partner_overall_desc ON review (partner_id, overall DESC, created_at DESC, id DESC);
