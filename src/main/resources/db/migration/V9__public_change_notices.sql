-- HTTP caching of public reads (graphql.HttpCaching): every statement that changes what an anonymous
-- reader can see notifies public_changes, in its transaction, so that every instance knows when the
-- ETags it gave out are stale. One notice per statement (and PostgreSQL folds equal notices of one
-- transaction into one), not per row.
CREATE FUNCTION notify_public_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('public_changes', '');
    RETURN NULL;
END $$;

CREATE TRIGGER review_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
CREATE TRIGGER revision_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON revision
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
CREATE TRIGGER reply_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reply
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
CREATE TRIGGER review_exclusion_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_exclusion
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
CREATE TRIGGER partner_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
CREATE TRIGGER partner_monthly_score_public_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner_monthly_score
    FOR EACH STATEMENT EXECUTE FUNCTION notify_public_change();
