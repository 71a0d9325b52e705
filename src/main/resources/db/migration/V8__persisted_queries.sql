-- Automatic persisted queries (graphql.PersistedQueries): documents by their SHA-256, shared by
-- every instance and kept across restarts. The committed operations are never pruned; the others
-- are, least recently used first, beyond reviews.persisted-queries.max-documents.
CREATE TABLE persisted_query (
    sha256         text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    document       text        NOT NULL,
    committed      boolean     NOT NULL DEFAULT false,
    -- Committed, or registered by a signed-in caller: what anonymous callers may run when
    -- reviews.graphql.trusted-documents-only is on.
    trusted        boolean     NOT NULL DEFAULT false,
    registered_at  timestamptz NOT NULL,
    used_on        date        NOT NULL
);
CREATE INDEX persisted_query_prune ON persisted_query (used_on, sha256) WHERE NOT committed;
