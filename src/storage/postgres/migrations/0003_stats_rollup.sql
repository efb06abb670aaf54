-- Kangfu schema version 3 (PostgreSQL): monthly statistics rollup, replacing the yearly
-- case_form_rollup of version 1.
--
-- A case records the level (职级) of its person when it was recorded, as it records the unit:
-- statistics by level count the cadre as they were when disciplined.
ALTER TABLE cases ADD COLUMN person_level text NOT NULL DEFAULT '';
UPDATE cases c SET person_level = p.post_level FROM persons p
WHERE p.id = c.person_id AND p.post_level <> '';

-- Counts per organisation (every organisation above the case's unit, NOT the unit itself: at the
-- bottom of the tree a key would hold about one case, so the rollup would grow as large as the
-- cases; a statistic adds the cases recorded on its root organisation itself by their index,
-- cases_unit_stats), calendar month
-- (yyyymm), dimension, value of that dimension and four-forms class of the case, kept by the
-- store in the same transaction as every case and measure write. Dimensions (`dim`):
--   0  cases            value ''
--   1  cases            value = discipline code
--   2  cases            value = source code
--   3  cases            value = the person's level when the case was recorded (person_level)
--   4  measures         value = catalogue code; n counts the measures that are not revoked,
--                       under the month and form of their case
-- Whole months of a period are read from here (a few hundred rows whatever the subtree's size);
-- only the partial months at its edges scan the base rows.
CREATE TABLE case_stats_rollup (
  org_id bigint NOT NULL,  -- derived data: no foreign key check on the hot path
  dim    smallint NOT NULL,
  month  integer NOT NULL,
  value  text COLLATE "C" NOT NULL,
  form   smallint NOT NULL,
  n      bigint NOT NULL,
  -- n rides in the index: a statistic is an index-only range scan, whatever order rows were
  -- written in.
  PRIMARY KEY (org_id, dim, month, value, form) INCLUDE (n)
);

-- Backfill: each organisation with every ancestor above it, then the counts per unit spread to
-- its ancestors.
INSERT INTO case_stats_rollup (org_id, dim, month, value, form, n)
WITH RECURSIVE anc(unit_id, org_id) AS (
  SELECT id, parent_id FROM organisations WHERE parent_id IS NOT NULL
  UNION ALL
  SELECT anc.unit_id, o.parent_id FROM anc JOIN organisations o ON o.id = anc.org_id
  WHERE o.parent_id IS NOT NULL
),
facts(unit_id, dim, month, value, form) AS (
  SELECT unit_id, 0, (extract(year FROM decision_date) * 100 + extract(month FROM decision_date))::integer,
         '', form FROM cases
  UNION ALL
  SELECT unit_id, 1, (extract(year FROM decision_date) * 100 + extract(month FROM decision_date))::integer,
         discipline, form FROM cases
  UNION ALL
  SELECT unit_id, 2, (extract(year FROM decision_date) * 100 + extract(month FROM decision_date))::integer,
         source, form FROM cases
  UNION ALL
  SELECT unit_id, 3, (extract(year FROM decision_date) * 100 + extract(month FROM decision_date))::integer,
         person_level, form FROM cases
  UNION ALL
  SELECT c.unit_id, 4,
         (extract(year FROM c.decision_date) * 100 + extract(month FROM c.decision_date))::integer,
         m.kind, c.form FROM measures m JOIN cases c ON c.id = m.case_id WHERE NOT m.revoked
),
per_unit(unit_id, dim, month, value, form, n) AS (
  SELECT unit_id, dim, month, value, form, count(*) FROM facts
  GROUP BY unit_id, dim, month, value, form
)
SELECT anc.org_id, p.dim, p.month, p.value, p.form, sum(p.n)
FROM per_unit p JOIN anc ON anc.unit_id = p.unit_id
GROUP BY anc.org_id, p.dim, p.month, p.value, p.form;

DROP TABLE case_form_rollup;

-- The partial months at the edges of a period (at most two months of days) read the cases by
-- date when the subtree is large, by unit (cases_unit_stats) when it is small: the planner
-- chooses. (SQLite's planner keeps to the unit index, so its schema has no such index.)
CREATE INDEX cases_date_stats ON cases(decision_date, unit_id, form);
ANALYZE cases;
ANALYZE case_stats_rollup;
