-- Quire schema v1 (SQLite). Timestamps are INTEGER microseconds since the epoch (UTC);
-- JSON columns are TEXT checked with json_valid. Statements end with ';' at the end of a line.

CREATE TABLE documents (
    id                  TEXT PRIMARY KEY,
    owner_id            TEXT NOT NULL,
    app_id              TEXT,
    end_user_id         TEXT,
    folder_id           TEXT,
    folder_path         TEXT,
    filename            TEXT,
    content_type        TEXT NOT NULL,
    status              TEXT NOT NULL,
    metadata            TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    metadata_types      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata_types)),
    system_metadata     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(system_metadata)),
    storage_info        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(storage_info)),
    additional_metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(additional_metadata)),
    chunk_ids           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(chunk_ids)),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX documents_owner_idx ON documents (owner_id);
CREATE INDEX documents_app_idx ON documents (app_id);
CREATE INDEX documents_end_user_idx ON documents (end_user_id);
CREATE INDEX documents_folder_path_idx ON documents (folder_path);
CREATE INDEX documents_filename_idx ON documents (filename);
CREATE INDEX documents_updated_idx ON documents (updated_at);

CREATE TABLE chunks (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    chunk_number INTEGER NOT NULL,
    owner_id     TEXT NOT NULL,
    app_id       TEXT,
    end_user_id  TEXT,
    folder_path  TEXT,
    content      TEXT NOT NULL,
    metadata     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    embedding    BLOB,
    UNIQUE (document_id, chunk_number)
);
CREATE INDEX chunks_owner_idx ON chunks (owner_id);
CREATE INDEX chunks_app_idx ON chunks (app_id);

CREATE TABLE folders (
    id              TEXT PRIMARY KEY,
    owner_id        TEXT NOT NULL,
    app_id          TEXT,
    end_user_id     TEXT,
    name            TEXT NOT NULL,
    full_path       TEXT NOT NULL,
    parent_id       TEXT,
    depth           INTEGER NOT NULL,
    description     TEXT,
    system_metadata TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(system_metadata)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX folders_app_path_uq ON folders (app_id, full_path) WHERE app_id IS NOT NULL;
CREATE UNIQUE INDEX folders_owner_path_uq ON folders (owner_id, full_path) WHERE app_id IS NULL;
CREATE INDEX folders_owner_idx ON folders (owner_id);
CREATE INDEX folders_end_user_idx ON folders (end_user_id);

CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    owner_id    TEXT NOT NULL,
    app_id      TEXT,
    end_user_id TEXT,
    folder_path TEXT,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    run_after   INTEGER NOT NULL,
    worker_id   TEXT,
    lease_until INTEGER,
    payload     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX jobs_due_idx ON jobs (state, run_after);
CREATE INDEX jobs_document_idx ON jobs (document_id);
