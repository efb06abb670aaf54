-- Kangfu re-use schema (SQLite), issue 6: 重新使用 files run by an organisation department, their
-- five ordered steps with documents stored in the database, annual assessment results, and the
-- eligibility policy. Depends only on 0001/0002. Dates are "YYYY-MM-DD" text.

CREATE TABLE reuse_files (
  id                   INTEGER PRIMARY KEY,
  person_id            INTEGER NOT NULL REFERENCES persons(id),
  org_id               INTEGER NOT NULL REFERENCES organisations(id),
  opened_by            INTEGER NOT NULL REFERENCES accounts(id),
  opened_on            TEXT NOT NULL,
  state                TEXT NOT NULL DEFAULT 'open'
                       CHECK (state IN ('open', 'reused', 'not_reused', 'withdrawn')),
  override_reason      TEXT NOT NULL DEFAULT '',
  override_by          TEXT NOT NULL DEFAULT '',
  override_approved_by TEXT NOT NULL DEFAULT '',
  override_approved_on TEXT,
  closed_on            TEXT,
  close_reason         TEXT NOT NULL DEFAULT '',
  closed_by            TEXT NOT NULL DEFAULT '',
  version              INTEGER NOT NULL DEFAULT 1,
  CHECK ((state = 'open') = (closed_on IS NULL)),
  CHECK (state IN ('open', 'reused') OR length(close_reason) > 0),
  CHECK (override_approved_on IS NULL OR length(override_reason) > 0)
);
-- Only one open file per person.
CREATE UNIQUE INDEX reuse_files_one_open ON reuse_files(person_id) WHERE state = 'open';
CREATE INDEX reuse_files_person ON reuse_files(person_id);

CREATE TABLE reuse_documents (
  id           INTEGER PRIMARY KEY,
  file_id      INTEGER NOT NULL REFERENCES reuse_files(id),
  name         TEXT NOT NULL CHECK (length(name) > 0),
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size >= 0),
  hash         TEXT NOT NULL CHECK (length(hash) = 64),
  kind         TEXT NOT NULL CHECK (kind IN ('upload', 'generated')),
  body         TEXT NOT NULL,  -- base64 of the bytes
  uploaded_by  TEXT NOT NULL,
  uploaded_on  TEXT NOT NULL
);
CREATE INDEX reuse_documents_file ON reuse_documents(file_id);

CREATE TABLE reuse_steps (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES reuse_files(id),
  step        INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
  organ       TEXT NOT NULL CHECK (length(organ) > 0),
  date        TEXT NOT NULL,
  opinion     TEXT NOT NULL DEFAULT '',
  document_id INTEGER REFERENCES reuse_documents(id),
  details     TEXT NOT NULL DEFAULT '{}',
  recorded_by TEXT NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1,
  UNIQUE (file_id, step)
);

CREATE TABLE reuse_assessments (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  year        INTEGER NOT NULL CHECK (year BETWEEN 1949 AND 9999),
  grade       TEXT NOT NULL
              CHECK (grade IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  recorded_by TEXT NOT NULL,
  UNIQUE (person_id, year)
);

CREATE TABLE reuse_settings (
  name    TEXT PRIMARY KEY CHECK (name IN ('policy')),
  body    TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
