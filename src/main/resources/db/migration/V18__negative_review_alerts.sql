-- A mail to the partner when a negative review or a revision to a negative score arrives (alert/,
-- issue 23). The alert job reads the partner's review events (V4) after last_seq, in a transaction
-- that holds the setting's row (FOR UPDATE SKIP LOCKED): the mail, the pending rows and the new
-- last_seq commit together, so every event is looked at once, by one instance.
CREATE TABLE partner_alert_setting (
    partner_id   bigint      PRIMARY KEY REFERENCES partner (id),
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    frequency    text        NOT NULL CHECK (frequency IN ('IMMEDIATE', 'DAILY_DIGEST')),
    digest_hour  smallint    NOT NULL CHECK (digest_hour BETWEEN 0 AND 23),
    language     text        NOT NULL CHECK (language IN ('nl', 'en')),
    last_seq     bigint      NOT NULL,
    updated_at   timestamptz NOT NULL
);

-- Negative reviews waiting for the partner's daily digest; deleted when it is mailed.
CREATE TABLE negative_review_alert (
    partner_id   bigint      NOT NULL REFERENCES partner (id),
    seq          bigint      NOT NULL,
    review_id    bigint      NOT NULL REFERENCES review (id),
    type         text        NOT NULL CHECK (type IN ('NEW_REVIEW', 'REVISION')),
    happened_at  timestamptz NOT NULL,
    PRIMARY KEY (partner_id, seq)
);

-- One digest per partner and day (Europe/Amsterdam): the key holds it across instances. Rows older
-- than the job's retention are deleted by the job.
CREATE TABLE alert_digest (
    partner_id  bigint NOT NULL REFERENCES partner (id),
    day         date   NOT NULL,
    PRIMARY KEY (partner_id, day)
);
