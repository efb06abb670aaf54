-- Kangfu schema version 1 (SQLite). Dates are ISO text 'YYYY-MM-DD'; booleans 0/1.
CREATE TABLE organisations (
  id        INTEGER PRIMARY KEY,
  parent_id INTEGER REFERENCES organisations(id),
  name      TEXT NOT NULL CHECK (length(name) > 0),
  level     TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'unit')),
  path      TEXT NOT NULL,
  version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX organisations_parent ON organisations(parent_id);
CREATE INDEX organisations_path ON organisations(path);

CREATE TABLE persons (
  id            INTEGER PRIMARY KEY,
  id_number     TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
  name          TEXT NOT NULL,
  unit_id       INTEGER NOT NULL REFERENCES organisations(id),
  post          TEXT NOT NULL DEFAULT '',
  post_level    TEXT NOT NULL DEFAULT '',
  party_member  INTEGER NOT NULL CHECK (party_member IN (0, 1)),
  civil_servant INTEGER NOT NULL CHECK (civil_servant IN (0, 1)),
  leading_cadre INTEGER NOT NULL CHECK (leading_cadre IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX persons_unit ON persons(unit_id);

CREATE TABLE cases (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  organ_id        INTEGER NOT NULL REFERENCES organisations(id),
  unit_id         INTEGER NOT NULL REFERENCES organisations(id),
  decision_number TEXT NOT NULL CHECK (length(decision_number) > 0),
  decision_date   TEXT NOT NULL CHECK (length(decision_date) = 10),
  discipline      TEXT NOT NULL CHECK (discipline IN
                    ('political', 'organisational', 'integrity', 'masses', 'work', 'life')),
  source          TEXT NOT NULL CHECK (source IN
                    ('self_report', 'petition', 'inspection', 'audit', 'supervision', 'other')),
  form            INTEGER NOT NULL DEFAULT 0 CHECK (form BETWEEN 0 AND 4),
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_person ON cases(person_id, decision_date);
-- Covering index for the four-forms count of a subtree.
CREATE INDEX cases_unit_stats ON cases(unit_id, decision_date, form);

-- Four-forms counts per organisation (every ancestor of the case's unit, itself included), year
-- and form, kept by the store in the same transaction as the case. Whole years of a subtree
-- count are read from here; only partial years at the edges of a period scan the cases.
CREATE TABLE case_form_rollup (
  org_id INTEGER NOT NULL,  -- derived data: no foreign key check on the hot path
  year   INTEGER NOT NULL,
  form   INTEGER NOT NULL,
  n      INTEGER NOT NULL,
  PRIMARY KEY (org_id, year, form)
) WITHOUT ROWID;

CREATE TABLE measures (
  id            INTEGER PRIMARY KEY,
  case_id       INTEGER NOT NULL REFERENCES cases(id),
  kind          TEXT NOT NULL CHECK (length(kind) > 0),
  effective     TEXT NOT NULL CHECK (length(effective) = 10),
  term_months   INTEGER CHECK (term_months > 0),
  extended_on   TEXT,
  outcome       TEXT CHECK (outcome IN ('restored', 'expelled')),
  outcome_date  TEXT,
  ended         TEXT,
  period_months INTEGER CHECK (period_months > 0),
  revoked       INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK ((outcome IS NULL) = (outcome_date IS NULL))
);
CREATE INDEX measures_case ON measures(case_id);

CREATE TABLE holds (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind      TEXT NOT NULL CHECK (kind IN ('clue_verification', 'case_review')),
  from_date TEXT NOT NULL,
  to_date   TEXT CHECK (to_date IS NULL OR to_date >= from_date),
  version   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX holds_person ON holds(person_id);
