-- Kangfu aftercare schema (SQLite), issue 5: execution of decisions, follow-up visit plans and
-- visits, education mentors, talks, half-year reports, warning-sign escalations, and the policy
-- and holiday-calendar overrides an administrator edits. Depends only on 0001/0002.
-- Dates are "YYYY-MM-DD" text; list columns hold comma-separated codes or ids (never free text).

-- 处分决定执行: one checklist item per case and policy item, created when the case is recorded.
CREATE TABLE aftercare_execution_items (
  id              INTEGER PRIMARY KEY,
  case_id         INTEGER NOT NULL REFERENCES cases(id),
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  code            TEXT NOT NULL CHECK (length(code) > 0),
  title           TEXT NOT NULL CHECK (length(title) > 0),
  basis           TEXT NOT NULL DEFAULT '',
  due_date        TEXT NOT NULL,
  responsible_org INTEGER NOT NULL REFERENCES organisations(id),
  done_on         TEXT,
  confirmed_by    TEXT NOT NULL DEFAULT '',
  note            TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  UNIQUE (case_id, code)
);
CREATE INDEX aftercare_execution_items_person ON aftercare_execution_items(person_id);

-- 回访方案: one per subject and deciding organ (谁处理、谁负责). The visits themselves are derived
-- from the measures and the policy; the edits are kept and replayed in order.
CREATE TABLE aftercare_visit_plans (
  id         INTEGER PRIMARY KEY,
  person_id  INTEGER NOT NULL REFERENCES persons(id),
  organ_id   INTEGER NOT NULL REFERENCES organisations(id),
  created_on TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  UNIQUE (person_id, organ_id)
);

CREATE TABLE aftercare_plan_edits (
  id              INTEGER PRIMARY KEY,
  plan_id         INTEGER NOT NULL REFERENCES aftercare_visit_plans(id),
  kind            TEXT NOT NULL CHECK (kind IN ('add', 'remove', 'reschedule')),
  visit_key       TEXT NOT NULL CHECK (length(visit_key) > 0),
  title           TEXT NOT NULL DEFAULT '',
  from_date       TEXT,
  due_date        TEXT,
  responsible_org INTEGER REFERENCES organisations(id),
  reason          TEXT NOT NULL CHECK (length(reason) > 0),
  edited_by       TEXT NOT NULL DEFAULT '',
  edited_on       TEXT NOT NULL
);
CREATE INDEX aftercare_plan_edits_plan ON aftercare_plan_edits(plan_id, id);

-- 回访记录.
CREATE TABLE aftercare_visits (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES persons(id),
  organ_id      INTEGER NOT NULL REFERENCES organisations(id),
  plan_key      TEXT NOT NULL DEFAULT '',
  visit_date    TEXT NOT NULL,
  visitors      TEXT NOT NULL CHECK (length(visitors) > 0),
  talked_with   TEXT NOT NULL,
  others_talked TEXT NOT NULL DEFAULT '',
  checked       TEXT NOT NULL DEFAULT '',
  findings      TEXT NOT NULL DEFAULT '',
  grade         TEXT NOT NULL CHECK (grade IN ('good', 'fair', 'poor')),
  follow_up     TEXT NOT NULL DEFAULT '',
  feedback      TEXT NOT NULL DEFAULT '',
  feedback_on   TEXT,
  clue_hold_id  INTEGER REFERENCES holds(id),
  recorded_by   TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX aftercare_visits_person ON aftercare_visits(person_id, visit_date);

-- 教育帮带.
CREATE TABLE aftercare_mentors (
  id                INTEGER PRIMARY KEY,
  person_id         INTEGER NOT NULL REFERENCES persons(id),
  mentor_id         INTEGER NOT NULL REFERENCES persons(id),
  mentor_account_id INTEGER REFERENCES accounts(id),
  assigned_by       INTEGER NOT NULL REFERENCES organisations(id),
  start_date        TEXT NOT NULL,
  end_date          TEXT,
  version           INTEGER NOT NULL DEFAULT 1,
  CHECK (person_id <> mentor_id)
);
CREATE INDEX aftercare_mentors_person ON aftercare_mentors(person_id);
CREATE INDEX aftercare_mentors_account ON aftercare_mentors(mentor_account_id);

CREATE TABLE aftercare_talks (
  id            INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES aftercare_mentors(id),
  talk_date     TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  recorded_by   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX aftercare_talks_assignment ON aftercare_talks(assignment_id, talk_date);

CREATE TABLE aftercare_reports (
  id            INTEGER PRIMARY KEY,
  assignment_id INTEGER NOT NULL REFERENCES aftercare_mentors(id),
  year          INTEGER NOT NULL,
  half          INTEGER NOT NULL CHECK (half IN (1, 2)),
  submitted_on  TEXT NOT NULL,
  summary       TEXT NOT NULL DEFAULT '',
  recorded_by   TEXT NOT NULL DEFAULT '',
  UNIQUE (assignment_id, year, half)
);

-- 苗头性问题: resolved by the unit party committee within a working-day deadline.
CREATE TABLE aftercare_escalations (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  assignment_id   INTEGER REFERENCES aftercare_mentors(id),
  kind            TEXT NOT NULL CHECK (kind IN
                    ('negative_thinking', 'poor_performance', 'new_violation_sign')),
  opened_on       TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  responsible_org INTEGER NOT NULL REFERENCES organisations(id),
  due_date        TEXT NOT NULL,
  resolved_on     TEXT,
  outcome         TEXT CHECK (outcome IN ('handled', 'referred')),
  resolution      TEXT NOT NULL DEFAULT '',
  version         INTEGER NOT NULL DEFAULT 1,
  CHECK ((resolved_on IS NULL) = (outcome IS NULL))
);
CREATE INDEX aftercare_escalations_person ON aftercare_escalations(person_id);

-- Administrator overrides of the shipped data: name 'policy' or 'calendar', org_id 0 for the
-- whole system (no foreign key: 0 names no organisation). body is the file as uploaded.
CREATE TABLE aftercare_settings (
  name    TEXT NOT NULL CHECK (name IN ('policy', 'calendar')),
  org_id  INTEGER NOT NULL DEFAULT 0,
  body    TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (name, org_id)
);
