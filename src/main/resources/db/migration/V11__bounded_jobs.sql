-- Jobs that read only what they work on (issue 19; plans recorded by JobPlansTest).

-- Orders still waiting for their invitation decision (sent, or expired unsent): opted in, no
-- invitation row, no review. The flag follows the rows in the same transaction, whichever code path
-- writes them; the invitation job reads the small partial index instead of every opt-in order ever made.
ALTER TABLE customer_order ADD COLUMN invitation_pending boolean NOT NULL DEFAULT false;
UPDATE customer_order o SET invitation_pending = true
WHERE o.review_opt_in
  AND NOT EXISTS (SELECT 1 FROM review_invitation i WHERE i.order_id = o.id)
  AND NOT EXISTS (SELECT 1 FROM review r WHERE r.order_id = o.id);
CREATE INDEX customer_order_pending ON customer_order (expected_delivery_date, id) WHERE invitation_pending;
DROP INDEX customer_order_due;

CREATE FUNCTION order_invitation_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.invitation_pending := NEW.review_opt_in;
    RETURN NEW;
END $$;
CREATE TRIGGER customer_order_invitation_pending BEFORE INSERT ON customer_order
    FOR EACH ROW EXECUTE FUNCTION order_invitation_pending();

-- One UPDATE per statement (transition tables), so the job's batches and bulk loads stay fast.
CREATE FUNCTION order_invitation_decided() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE customer_order o SET invitation_pending = false
    WHERE o.id IN (SELECT order_id FROM new_rows) AND o.invitation_pending;
    RETURN NULL;
END $$;
CREATE TRIGGER review_invitation_decided AFTER INSERT ON review_invitation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_invitation_decided();
CREATE TRIGGER review_invitation_decided_by_review AFTER INSERT ON review
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION order_invitation_decided();

-- The outbox: the metrics count parked mails apart (pending ones have outbox_mail_pending), and the
-- retention job deletes by the moment a mail was sent or parked.
CREATE INDEX outbox_mail_parked ON outbox_mail (failed_at) WHERE sent_at IS NULL AND failed_at IS NOT NULL;
CREATE INDEX outbox_mail_done ON outbox_mail (coalesce(sent_at, failed_at)) WHERE coalesce(sent_at, failed_at) IS NOT NULL;
-- Blanked after body-retention with the body and the subject.
ALTER TABLE outbox_mail ALTER COLUMN recipient DROP NOT NULL;
