-- Review events (reviewEvents): kept for a while, so that a subscriber that was away (a network
-- blip, a pod restart, a lost LISTEN connection) catches up from its cursor.
--
-- Each partner's events are numbered 1, 2, 3, … without gaps and in commit order: the change's
-- transaction holds the partner's counter row until it commits, so a later number never commits
-- before an earlier one. A subscriber that sees number n + 2 after n knows it missed one.
CREATE TABLE partner_event_counter (
    partner_id  bigint PRIMARY KEY REFERENCES partner (id),
    last_seq    bigint NOT NULL
);

CREATE TABLE review_event (
    partner_id  bigint      NOT NULL REFERENCES partner (id),
    seq         bigint      NOT NULL,
    type        text        NOT NULL CHECK (type IN ('NEW_REVIEW', 'REVISION', 'REPLY')),
    review_id   bigint      NOT NULL REFERENCES review (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, seq)
);
-- The retention job deletes by age.
CREATE INDEX review_event_created ON review_event (created_at);

-- Call inside the change's transaction: numbers the event, keeps it, and notifies every instance's
-- listener (ReviewEventHub) when, and only when, the transaction commits.
CREATE FUNCTION publish_review_event(event_type text, partner bigint, review bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    next_seq bigint;
BEGIN
    INSERT INTO partner_event_counter AS c (partner_id, last_seq) VALUES (partner, 1)
    ON CONFLICT (partner_id) DO UPDATE SET last_seq = c.last_seq + 1
    RETURNING last_seq INTO next_seq;
    INSERT INTO review_event (partner_id, seq, type, review_id) VALUES (partner, next_seq, event_type, review);
    PERFORM pg_notify('review_events', event_type || ':' || partner || ':' || review || ':' || next_seq);
    RETURN next_seq;
END $$;
