-- The audit log's time filter without an index on `at` (issue 4: each index of migration 0009 is
-- one more B-tree insert in every read's audit entry). AuditLog::Record writes `at` in append
-- order (never earlier than the entry before), so a time range is an id range, found by binary
-- search over the primary key (FindAuditEntries). An existing log may have been written with a
-- clock that went back: the last entry earlier than one before it is kept here, and the entries
-- up to it are searched with the time conditions alone. Depends on 0002 and 0009.

CREATE TABLE IF NOT EXISTS audit_time_order (
  unordered_through INTEGER NOT NULL  -- entries with a larger id are in time order (0: all are)
);

INSERT INTO audit_time_order (unordered_through)
SELECT coalesce(max(id), 0)
FROM (SELECT id,
             at < max(at)
               OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS early
      FROM audit_log) AS entries
WHERE early;

DROP INDEX IF EXISTS audit_log_at;
