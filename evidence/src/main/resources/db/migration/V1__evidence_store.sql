-- The evidence store and its append-only Merkle log. One script for H2 (MODE=PostgreSQL) and PostgreSQL:
-- only types and syntax both accept.

-- Original documents, byte-exact, addressed by the SHA-256 of their bytes (lower-case hex).
CREATE TABLE evidence_document (
    sha256      CHAR(64)     PRIMARY KEY,
    size_bytes  BIGINT       NOT NULL,
    content     BYTEA        NOT NULL
);

-- One row per accepted evidence item; leaf_index is its leaf in the log.
CREATE TABLE evidence_item (
    id                   VARCHAR(64)               PRIMARY KEY,
    leaf_index           BIGINT                    NOT NULL UNIQUE,
    subject_digest       VARCHAR(200)              NOT NULL,
    subject_name         VARCHAR(2000),
    evidence_type        VARCHAR(200)              NOT NULL,
    predicate            TEXT                      NOT NULL,
    predicate_sha256     CHAR(64)                  NOT NULL,
    document_sha256      CHAR(64)                  NOT NULL REFERENCES evidence_document (sha256),
    submitter            VARCHAR(400)              NOT NULL,
    submitted_at         TIMESTAMP WITH TIME ZONE  NOT NULL,
    verification_state   VARCHAR(32)               NOT NULL,
    verification_detail  VARCHAR(4000),
    -- The same document about the same subject is stored once.
    CONSTRAINT evidence_item_once UNIQUE (subject_digest, document_sha256)
);

CREATE INDEX evidence_item_by_subject ON evidence_item (subject_digest, leaf_index);

-- Hashes of the log's perfect subtrees: level 0 rows are the leaf hashes, node i at level l
-- covers leaves [i * 2^l, (i + 1) * 2^l). Proofs of any size read O(log^2 n) of them.
CREATE TABLE log_node (
    tree_level  INTEGER  NOT NULL,
    node_index  BIGINT   NOT NULL,
    hash        BYTEA    NOT NULL,
    PRIMARY KEY (tree_level, node_index)
);

-- The single row appenders lock: it serialises appends and holds the tree size.
CREATE TABLE log_state (
    id         INTEGER  PRIMARY KEY,
    tree_size  BIGINT   NOT NULL
);

INSERT INTO log_state (id, tree_size) VALUES (1, 0);

-- A signed checkpoint (C2SP signed note) for every tree size the log reached.
CREATE TABLE log_checkpoint (
    tree_size   BIGINT                    PRIMARY KEY,
    note        VARCHAR(4000)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE  NOT NULL
);
