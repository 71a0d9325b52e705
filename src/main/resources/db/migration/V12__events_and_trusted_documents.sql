-- An event for every change a partner's dashboard shows (issue 20): deleted replies, customer mails,
-- re-review and exclusion requests, exclusion decisions.
ALTER TABLE review_event DROP CONSTRAINT review_event_type_check;
ALTER TABLE review_event ADD CONSTRAINT review_event_type_check CHECK (type IN (
    'NEW_REVIEW', 'REVISION', 'REPLY', 'REPLY_DELETED', 'CUSTOMER_EMAILED', 'RE_REVIEW_REQUESTED',
    'EXCLUSION_REQUESTED', 'EXCLUSION_DECIDED'));

-- Trusted documents (graphql.PersistedQueries): what anonymous callers may run when
-- reviews.graphql.trusted-documents-only is on. Trusted is now the committed operations and the
-- documents of an app's manifest, registered by an administrator or at deploy time; a document a
-- signed-in caller registered is no longer trusted for anyone else.
CREATE TABLE trusted_document (
    client     text        NOT NULL CHECK (client ~ '^[A-Za-z0-9._-]{1,64}$'),
    version    text        NOT NULL CHECK (version ~ '^[A-Za-z0-9._+-]{1,64}$'),
    sha256     text        NOT NULL REFERENCES persisted_query (sha256),
    listed_at  timestamptz NOT NULL,
    PRIMARY KEY (client, version, sha256)
);
CREATE INDEX trusted_document_sha256 ON trusted_document (sha256);
-- A partner's own registrations are its own: served by hash to that partner only.
ALTER TABLE persisted_query ADD COLUMN owner_partner bigint REFERENCES partner (id) ON DELETE CASCADE;
UPDATE persisted_query SET trusted = committed;
-- Pruning passes over trusted documents: they are kept while listed.
DROP INDEX persisted_query_prune;
CREATE INDEX persisted_query_prune ON persisted_query (used_on, sha256) WHERE NOT committed AND NOT trusted;
