-- The wording of each answer (党风廉政意见回复 covers what reports were received, what was checked
-- and found, and whether it affects use — rules.md §7): the engine drafts it from the record
-- (dispositions with their influence periods, matters still being checked, clearances), the case
-- manager may reword it when confirming, and the reply letter prints the confirmed wording beside
-- the answer. Rows answered before this migration keep an empty wording.

ALTER TABLE vetting_candidates ADD COLUMN drafted_statement text NOT NULL DEFAULT '';
ALTER TABLE vetting_candidates ADD COLUMN statement text NOT NULL DEFAULT '';
