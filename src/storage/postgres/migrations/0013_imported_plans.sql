-- The day a ledger import (台账导入) created a visit plan. Visits and execution items of that
-- plan's organ whose deadline had passed before the import belonged to the paper ledger: the
-- reminders leave them out instead of listing them as years overdue (docs/aftercare.md). Plans
-- created by hand, and plans from before this migration, keep NULL: everything is tracked.

ALTER TABLE aftercare_visit_plans ADD COLUMN imported_on date;
