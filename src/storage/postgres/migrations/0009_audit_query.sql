-- Indexes for the audit log's filtered list (Store::FindAudit, GET /api/v1/audit): each filter
-- the auditor uses has an index ending in id, so that a filtered page is read newest first from
-- the index instead of scanning the whole log. Depends only on 0002 (audit_log). Numbered 0009
-- so that it sorts after the migration another change adds in parallel; it is independent of it.
-- action and at are compared byte-wise (COLLATE "C", as FindAudit's statements do): an action
-- prefix is a range ["vetting.", "vetting/"), which only holds in byte order.

CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor_username, id);
CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action COLLATE "C", id);
CREATE INDEX IF NOT EXISTS audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at COLLATE "C");
