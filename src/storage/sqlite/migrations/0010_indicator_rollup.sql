-- Kangfu schema version 10 (SQLite), issue 7: the counts behind the indicators visit_coverage and
-- overdue_work (storage/schedule_rollup.hpp), so that "any statistic for any subtree" reads rows
-- bounded by the subtree's organisations and the period's days and months instead of every
-- subject's schedule. Kept by the store in the same transaction as every ReplaceSchedule (the
-- subject's old contribution subtracted, the new one added).
--
-- Existing data: the stored schedule of version 8 is derived data, and so are these counts. The
-- schedule is emptied here, so that the application replans every subject (writing the counts)
-- before the schedule is next read (IndicatorService / the daily digest: ReplanStale).
DELETE FROM aftercare_schedule;
DELETE FROM aftercare_schedule_subjects;

-- Visit coverage: weighted points (x, y) per subject's unit path; the count for [F, T] is the sum
-- over x >= F and y <= T (days since 1970-01-01, months year * 12 + month - 1). Kept at four
-- grains, keyed (a, b) so that a query reads one index range per grain: 0 (a, b) = (y day, x
-- day), 1 = (x day, y month), 2 = (y day, x month), 3 = (x month, y month); the days of the edge
-- months are prefix sums inside their month (a y day counts from y to its month's end, an x day
-- of grain 1 from its month's start to x). due: subjects with a visit due; bad: of them, those
-- with such a visit not fulfilled by T.
CREATE TABLE aftercare_coverage_rollup (
  unit_path TEXT NOT NULL,
  grain     INTEGER NOT NULL,
  a         INTEGER NOT NULL,
  b         INTEGER NOT NULL,
  due       INTEGER NOT NULL,
  bad       INTEGER NOT NULL,
  PRIMARY KEY (unit_path, grain, a, b)
) WITHOUT ROWID;

-- Overdue work: +1 on the first day an item is overdue, -1 on the day after it is last listed,
-- per unit path and level (0 day, 1 month, 2 year) and bucket (the day, month or year number);
-- one column per kind. The count on D: the earlier years, the earlier months of D's year, the
-- days of D's month up to D.
CREATE TABLE aftercare_overdue_rollup (
  unit_path  TEXT NOT NULL,
  level      INTEGER NOT NULL,
  bucket     INTEGER NOT NULL,
  visit      INTEGER NOT NULL,
  first_talk INTEGER NOT NULL,
  talk       INTEGER NOT NULL,
  report     INTEGER NOT NULL,
  PRIMARY KEY (unit_path, level, bucket)
) WITHOUT ROWID;

-- Whether anything is to be replanned, without reading every case (AftercareStore::
-- ScheduleMayBeStale): the subjects' horizons and stamps by index, and the last case of the last
-- check that found every person with a case planned (0: none yet, every case is checked).
CREATE INDEX aftercare_schedule_subjects_horizon ON aftercare_schedule_subjects(planned_until);
CREATE INDEX aftercare_schedule_subjects_stamp ON aftercare_schedule_subjects(stamp);
CREATE TABLE aftercare_schedule_checkpoint (
  case_id INTEGER NOT NULL
);
INSERT INTO aftercare_schedule_checkpoint (case_id) VALUES (0);
