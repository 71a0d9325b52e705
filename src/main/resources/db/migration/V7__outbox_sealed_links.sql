-- The token of a mail's link is no longer in its body: the body has a placeholder, and the token is
-- kept encrypted here until the mail is sent (security.LinkSealer), then dropped.
ALTER TABLE outbox_mail ADD COLUMN link_secret bytea;
-- Sent (or parked) mails lose their bodies after reviews.mail.body-retention (mail.MailRetention).
ALTER TABLE outbox_mail ADD COLUMN body_removed_at timestamptz;
CREATE INDEX outbox_mail_retention ON outbox_mail (coalesce(sent_at, failed_at)) WHERE body_removed_at IS NULL;
-- Mails sent before this change carried working links in the clear: take the tokens out of them.
UPDATE outbox_mail
SET text_body = regexp_replace(text_body, 'token=[A-Za-z0-9_-]{43}', 'token=removed', 'g'),
    html_body = regexp_replace(html_body, 'token=[A-Za-z0-9_-]{43}', 'token=removed', 'g')
WHERE sent_at IS NOT NULL AND (text_body ~ 'token=[A-Za-z0-9_-]{43}' OR html_body ~ 'token=[A-Za-z0-9_-]{43}');
