-- Kangfu schema version 12 (PostgreSQL), issue 5: the workbench answered from the stored reminder schedule
-- (AftercareStore::ListListedIn / CountListedIn) instead of loading every subject of the
-- jurisdiction. Indexes only.

-- The items still open, by the subject's unit path, with every column the workbench's counts
-- and the daily digest (CountListed) read: counting the items of a subtree, or of everyone,
-- listed on a day reads this index alone, not the table.
CREATE INDEX aftercare_schedule_listed ON aftercare_schedule(unit_path, listed_from, listed_until,
  kind, due_date, may_be_overdue, person_id, responsible_org, mentor_id, done_on)
  WHERE done_on IS NULL;
-- The items still open by due date: the first page of a large subtree (a province) is read in
-- due order and stops after the page instead of sorting every listed item.
CREATE INDEX aftercare_schedule_due ON aftercare_schedule(due_date) WHERE done_on IS NULL;
