-- Quire schema v3 (SQLite): chat conversations, usage records and model configurations.
-- Every table carries owner_id and app_id so the one scope rule (ScopeClause) applies to it.

CREATE TABLE chats (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL,
    app_id     TEXT,
    title      TEXT,
    history    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(history)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX chats_owner_idx ON chats (owner_id, updated_at);
CREATE INDEX chats_app_idx ON chats (app_id, updated_at);

CREATE TABLE usage_records (
    id             TEXT PRIMARY KEY,
    occurred_at    INTEGER NOT NULL,
    operation_type TEXT NOT NULL,
    tokens_used    INTEGER NOT NULL,
    owner_id       TEXT NOT NULL,
    app_id         TEXT,
    duration_ms    REAL NOT NULL,
    status         TEXT NOT NULL,
    metadata       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metadata)),
    error          TEXT
);
CREATE INDEX usage_records_owner_idx ON usage_records (owner_id, occurred_at);
CREATE INDEX usage_records_app_idx ON usage_records (app_id, occurred_at);

CREATE TABLE model_configs (
    id          TEXT PRIMARY KEY,
    owner_id    TEXT NOT NULL,
    app_id      TEXT,
    provider    TEXT NOT NULL,
    config_data TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config_data)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX model_configs_owner_idx ON model_configs (owner_id, provider);
CREATE INDEX model_configs_app_idx ON model_configs (app_id, provider);
