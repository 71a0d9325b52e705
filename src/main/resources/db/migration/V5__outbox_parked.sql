-- A mail that failed reviews.mail.max-attempts times is parked: failed_at is set, last_error says
-- why, and the delivery job no longer claims it (an operator may clear failed_at to try again).
ALTER TABLE outbox_mail ADD COLUMN failed_at timestamptz;
DROP INDEX outbox_mail_pending;
CREATE INDEX outbox_mail_pending ON outbox_mail (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
