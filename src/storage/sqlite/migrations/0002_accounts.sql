-- Kangfu schema version 2 (SQLite): accounts, server-side sessions, the tamper-evident audit log.
-- Timestamps are UTC text "YYYY-MM-DDTHH:MM:SSZ" (sorts chronologically).
CREATE TABLE accounts (
  id                  INTEGER PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE CHECK (length(username) > 0),
  display_name        TEXT NOT NULL DEFAULT '',
  password_hash       TEXT NOT NULL,
  roles               TEXT NOT NULL DEFAULT '',
  jurisdiction_org    INTEGER REFERENCES organisations(id),
  disabled            INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  failed_logins       INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until        TEXT NOT NULL DEFAULT '',
  password_changed_at TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1
);

-- Only a hash of the session id is stored: a copy of the table does not yield live cookies.
CREATE TABLE sessions (
  id_hash      TEXT PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id),
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_account ON sessions(account_id);

-- Append-only. `id` is the physical append order; `seq` is assigned by the application and is
-- part of the SM3 chain. seq is deliberately not UNIQUE: the verifier reads rows in id order, so
-- a forged row slipped in later with a reused number shows up as an insertion, not as a
-- constraint error that would hide it. No foreign key to accounts: the log outlives its subjects.
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  seq            INTEGER NOT NULL CHECK (seq > 0),
  at             TEXT NOT NULL,
  actor_id       INTEGER NOT NULL DEFAULT 0,
  actor_username TEXT NOT NULL DEFAULT '',
  remote_address TEXT NOT NULL DEFAULT '',
  request_id     TEXT NOT NULL DEFAULT '',
  action         TEXT NOT NULL,
  object_type    TEXT NOT NULL DEFAULT '',
  object_id      TEXT NOT NULL DEFAULT '',
  before_json    TEXT NOT NULL DEFAULT '',
  after_json     TEXT NOT NULL DEFAULT '',
  success        INTEGER NOT NULL CHECK (success IN (0, 1)),
  detail         TEXT NOT NULL DEFAULT '',
  hash           TEXT NOT NULL
);
