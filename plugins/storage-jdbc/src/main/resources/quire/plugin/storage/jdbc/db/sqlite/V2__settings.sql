-- Quire schema v2 (SQLite): facts about the stored data itself, e.g. which embedding model
-- produced the stored vectors (key embedding.model), so a server configured with another model
-- refuses to start instead of mixing vector spaces.

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
