-- Indexes for the audit log's filtered list (Store::FindAudit, GET /api/v1/audit): each filter
-- the auditor uses has an index ending in id, so that a filtered page is read newest first from
-- the index instead of scanning the whole log. Depends only on 0002 (audit_log). Numbered 0009
-- so that it sorts after the migration another change adds in parallel; it is independent of it.

CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log (actor_username, id);
CREATE INDEX IF NOT EXISTS audit_log_action ON audit_log (action, id);
CREATE INDEX IF NOT EXISTS audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
