-- Kangfu schema version 8 (PostgreSQL), issues 5 and 7: the stored reminder schedule. Each subject's
-- reminders as planned (domain AppendSchedule: planned visits, execution items, mentoring talks
-- and reports, escalations, endings of influence periods, probation outcomes), rewritten by the
-- application in the same transaction as every write that changes them, so that the daily digest
-- and the indicators visit_coverage / overdue_work are set-based counts over an organisation
-- subtree instead of loading every subject. Derived data: existing subjects are planned by the
-- application on first start (a subject without a row in aftercare_schedule_subjects is planned
-- before the schedule is read).

-- One row per planned item. listed_until NULL: listed until done (done work is a write that
-- replans); done_on: a fulfilled planned visit (never listed, kept for the visit coverage).
CREATE TABLE aftercare_schedule (
  person_id       bigint NOT NULL REFERENCES persons(id),
  kind            text NOT NULL,
  ref             text NOT NULL,
  title           text NOT NULL,
  responsible_org bigint,             -- organisation kinds: the responsible organisation
  mentor_id       bigint,             -- mentoring kinds: the mentor (a person)
  unit_path       text NOT NULL,      -- the subject's unit (of their latest case)
  listed_from     date NOT NULL,
  listed_until    date,
  due_date        date NOT NULL,
  may_be_overdue  integer NOT NULL,
  done_on         date
);
CREATE INDEX aftercare_schedule_person ON aftercare_schedule(person_id);
CREATE INDEX aftercare_schedule_unit ON aftercare_schedule(unit_path, kind, due_date);
CREATE INDEX aftercare_schedule_open ON aftercare_schedule(listed_from) WHERE done_on IS NULL;

-- Which subjects are planned, up to which day (open mentoring half-years are planned up to a
-- horizon) and under which policy and calendar (`stamp`); the problem that left a subject's
-- schedule incomplete (empty reason: none).
CREATE TABLE aftercare_schedule_subjects (
  person_id       bigint PRIMARY KEY REFERENCES persons(id),
  planned_until   date NOT NULL,
  stamp           text NOT NULL,
  problem_reason  text NOT NULL DEFAULT '',
  problem_field   text NOT NULL DEFAULT '',
  problem_message text NOT NULL DEFAULT ''
);
