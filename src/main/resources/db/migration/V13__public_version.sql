-- HTTP caching across pods and replicas (graphql.HttpCaching, issue 21): an anonymous answer's ETag
-- is built from the public_version of each partner it read, read in the same statements as the
-- data, so every pod and every replica computes the same ETag for the same data, and a change to
-- one shop leaves the other shops' 304s alone. It replaces V9's public_changes notices, which only
-- the instance that heard them could use.
ALTER TABLE partner ADD COLUMN public_version bigint NOT NULL DEFAULT 0;

-- Any change to the partner row moves it: its name, and score_version, which V10's triggers move
-- for every change to its reviews and recorded months. A row trigger on partner itself, so it
-- never updates partner again.
CREATE FUNCTION bump_public_version_of_partner() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD AND NEW.public_version = OLD.public_version THEN
        NEW.public_version := OLD.public_version + 1;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER partner_public_version BEFORE UPDATE ON partner
    FOR EACH ROW EXECUTE FUNCTION bump_public_version_of_partner();

-- Rows that hang off a review (revisions, replies, exclusion requests): one UPDATE per statement
-- and partner, as in V10.
CREATE FUNCTION bump_public_version_of_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE partner p SET public_version = p.public_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE partner p SET public_version = p.public_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM old_rows));
    ELSE
        UPDATE partner p SET public_version = p.public_version + 1
        WHERE p.id IN (SELECT r.partner_id FROM review r WHERE r.id IN (SELECT review_id FROM new_rows UNION SELECT review_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER revision_public_version_insert AFTER INSERT ON revision
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER revision_public_version_update AFTER UPDATE ON revision
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER revision_public_version_delete AFTER DELETE ON revision
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER reply_public_version_insert AFTER INSERT ON reply
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER reply_public_version_update AFTER UPDATE ON reply
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER reply_public_version_delete AFTER DELETE ON reply
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER review_exclusion_public_version_insert AFTER INSERT ON review_exclusion
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER review_exclusion_public_version_update AFTER UPDATE ON review_exclusion
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();
CREATE TRIGGER review_exclusion_public_version_delete AFTER DELETE ON review_exclusion
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version_of_reviews();

DROP TRIGGER review_public_change ON review;
DROP TRIGGER revision_public_change ON revision;
DROP TRIGGER reply_public_change ON reply;
DROP TRIGGER review_exclusion_public_change ON review_exclusion;
DROP TRIGGER partner_public_change ON partner;
DROP TRIGGER partner_monthly_score_public_change ON partner_monthly_score;
DROP FUNCTION notify_public_change();

-- Generic plans for the prepared statements (their plans do not depend on the values: keys and
-- keyset bounds), as a setting of the service's role in this database instead of a startup
-- parameter of every connection: a pooler (PgBouncer) refuses startup parameters it does not know.
-- Any role may set its own defaults; they hold for sessions opened from now on.
DO $$
BEGIN
    EXECUTE format('ALTER ROLE CURRENT_USER IN DATABASE %I SET plan_cache_mode = force_generic_plan', current_database());
END $$;
