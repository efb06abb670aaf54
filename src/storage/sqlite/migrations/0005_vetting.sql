-- Kangfu integrity-vetting schema (SQLite), issue 6: 党风廉政意见回复 requests filed by an
-- organisation department, their candidates with the engine's drafted answer and the confirmed
-- one, the leader's approval and the issued reply. Depends only on 0001/0002 (independent of
-- 0003 and 0004). Dates are "YYYY-MM-DD" text.

CREATE TABLE vetting_requests (
  id            INTEGER PRIMARY KEY,
  filing_org    INTEGER NOT NULL REFERENCES organisations(id),
  filed_by      INTEGER NOT NULL REFERENCES accounts(id),
  requester     TEXT NOT NULL CHECK (length(requester) > 0),
  request_ref   TEXT NOT NULL DEFAULT '',
  purpose       TEXT NOT NULL CHECK (purpose IN ('promotion', 'further_use', 'rank_promotion',
                                                 'commendation', 'nomination', 'transfer')),
  request_date  TEXT NOT NULL,
  deadline      TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'approved', 'issued')),
  approved_by   TEXT NOT NULL DEFAULT '',
  approved_on   TEXT,
  issued_by     TEXT NOT NULL DEFAULT '',
  issued_on     TEXT,
  letter_number TEXT NOT NULL DEFAULT '',
  issuer        TEXT NOT NULL DEFAULT '',
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK (deadline >= request_date),
  CHECK (state = 'open' OR approved_on IS NOT NULL),
  CHECK (state <> 'issued' OR (issued_on IS NOT NULL AND length(letter_number) > 0))
);
CREATE INDEX vetting_requests_org ON vetting_requests(filing_org);

CREATE TABLE vetting_candidates (
  id              INTEGER PRIMARY KEY,
  request_id      INTEGER NOT NULL REFERENCES vetting_requests(id),
  person_id       INTEGER NOT NULL REFERENCES persons(id),
  line            INTEGER NOT NULL,
  drafted_class   TEXT CHECK (drafted_class IN ('no_issue', 'period_over', 'period_running',
                                                'pending_matter', 'unsuitable')),
  drafted_basis   TEXT NOT NULL DEFAULT '',
  drafted_on      TEXT,
  confirmed_class TEXT CHECK (confirmed_class IN ('no_issue', 'period_over', 'period_running',
                                                  'pending_matter', 'unsuitable')),
  change_reason   TEXT NOT NULL DEFAULT '',
  confirmed_by    TEXT NOT NULL DEFAULT '',
  confirmed_on    TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  UNIQUE (request_id, person_id),
  CHECK (confirmed_class IS NULL OR drafted_class IS NOT NULL),
  CHECK (confirmed_class IS NULL OR confirmed_class = drafted_class OR length(change_reason) > 0)
);
CREATE INDEX vetting_candidates_person ON vetting_candidates(person_id);
