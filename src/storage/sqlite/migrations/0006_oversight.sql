-- Kangfu oversight schema (SQLite), issue 6: 问题线索 (clues) with their handling, the hold that
-- 初步核实 opens; 约谈/谈心谈话 (talks) with who talked and with whom; 澄清正名 (clearances) with
-- each allegation cleared; 容错纠错 (fault-tolerance decisions). Depends only on 0001/0002.
-- Dates are "YYYY-MM-DD" text.

CREATE TABLE clues (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  organ_id      INTEGER NOT NULL REFERENCES organisations(id),
  source        TEXT NOT NULL CHECK (source IN ('petition', 'inspection', 'audit', 'supervision',
                                                'self_report', 'visit', 'other')),
  summary       TEXT NOT NULL CHECK (length(summary) > 0),
  received      TEXT NOT NULL,
  handling      TEXT CHECK (handling IN ('inquiry', 'verification', 'shelved', 'closed')),
  handling_date TEXT,
  reply_due     TEXT,
  replied_on    TEXT,
  state         TEXT NOT NULL CHECK (state IN ('registered', 'in_progress', 'concluded')),
  concluded_on  TEXT,
  conclusion    TEXT NOT NULL DEFAULT '',
  hold_id       INTEGER REFERENCES holds(id),
  registered_by TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK ((handling IS NULL) = (handling_date IS NULL)),
  CHECK (handling_date IS NULL OR handling_date >= received),
  CHECK (replied_on IS NULL OR handling = 'inquiry')
);
CREATE INDEX clues_person ON clues(person_id);
CREATE INDEX clues_organ ON clues(organ_id, received);

CREATE TABLE interviews (
  id          INTEGER PRIMARY KEY,
  organ_id    INTEGER NOT NULL REFERENCES organisations(id),
  kind        TEXT NOT NULL CHECK (kind IN ('routine', 'work', 'reminder', 'heart_to_heart')),
  talk_date   TEXT NOT NULL,
  topics      TEXT NOT NULL CHECK (length(topics) > 0),
  follow_up   TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX interviews_organ ON interviews(organ_id, talk_date);

CREATE TABLE interview_interviewers (
  interview_id INTEGER NOT NULL REFERENCES interviews(id),
  position     INTEGER NOT NULL,
  account_id   INTEGER REFERENCES accounts(id),
  name         TEXT NOT NULL DEFAULT '',
  post         TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (interview_id, position)
);

CREATE TABLE interview_persons (
  interview_id     INTEGER NOT NULL REFERENCES interviews(id),
  position         INTEGER NOT NULL,
  person_id        INTEGER NOT NULL REFERENCES persons(id),
  principal_leader INTEGER NOT NULL DEFAULT 0 CHECK (principal_leader IN (0, 1)),
  led_org_id       INTEGER REFERENCES organisations(id),
  PRIMARY KEY (interview_id, position),
  UNIQUE (interview_id, person_id)
);
CREATE INDEX interview_persons_person ON interview_persons(person_id);

CREATE TABLE clearances (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  organ_id    INTEGER NOT NULL REFERENCES organisations(id),
  clue_id     INTEGER REFERENCES clues(id),
  conclusion  TEXT NOT NULL CHECK (conclusion IN ('untrue', 'false_accusation')),
  trigger_by  TEXT NOT NULL CHECK (trigger_by IN ('party_proposal', 'self_application')),
  approver    TEXT NOT NULL CHECK (length(approver) > 0),
  methods     TEXT NOT NULL,
  audience    TEXT NOT NULL DEFAULT '',
  cleared_on  TEXT NOT NULL,
  referred    INTEGER NOT NULL DEFAULT 0 CHECK (referred IN (0, 1)),
  recorded_by TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (referred = 0 OR conclusion = 'false_accusation')
);
CREATE INDEX clearances_person ON clearances(person_id);
CREATE INDEX clearances_organ ON clearances(organ_id, cleared_on);

CREATE TABLE clearance_allegations (
  clearance_id INTEGER NOT NULL REFERENCES clearances(id),
  position     INTEGER NOT NULL,
  allegation   TEXT NOT NULL CHECK (length(allegation) > 0),
  PRIMARY KEY (clearance_id, position)
);

CREATE TABLE fault_tolerance (
  id          INTEGER PRIMARY KEY,
  person_id   INTEGER NOT NULL REFERENCES persons(id),
  organ_id    INTEGER NOT NULL REFERENCES organisations(id),
  measure_id  INTEGER REFERENCES measures(id),
  clue_id     INTEGER REFERENCES clues(id),
  allegation  TEXT NOT NULL DEFAULT '',
  ground      TEXT NOT NULL CHECK (ground IN ('reform_trial', 'exploratory_trial',
                                              'unintentional_fault')),
  decision    TEXT NOT NULL CHECK (decision IN ('exempt', 'mitigate')),
  approver    TEXT NOT NULL CHECK (length(approver) > 0),
  decided_on  TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL DEFAULT '',
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK (measure_id IS NOT NULL OR clue_id IS NOT NULL OR length(allegation) > 0)
);
CREATE INDEX fault_tolerance_person ON fault_tolerance(person_id);
CREATE INDEX fault_tolerance_organ ON fault_tolerance(organ_id, decided_on);
