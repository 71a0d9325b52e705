-- The flags of V19 for the reviews there are. Its own migration, so its own transaction: the UPDATEs
-- take row locks only (V19's ALTER TABLE took the table's exclusive lock, which would have stopped
-- every read of the running release for as long as these take). The triggers of review fire as for
-- any update: every partner's score_version moves once, so the figures are computed again once.
-- A reply or revision that a running instance writes meanwhile sets its review's flag itself (V19).
UPDATE review r SET has_reply = true WHERE NOT r.has_reply AND EXISTS (SELECT 1 FROM reply y WHERE y.review_id = r.id);
UPDATE review r SET has_revisions = true WHERE NOT r.has_revisions AND EXISTS (SELECT 1 FROM revision v WHERE v.review_id = r.id);
