#ifndef KANGFU_STORAGE_STORE_HPP_
#define KANGFU_STORAGE_STORE_HPP_

// The storage port. The application talks to this interface only; which database runs behind it
// (SQLite or PostgreSQL) is chosen once, by URL, in OpenStore. Both adapters pass the same
// contract suite (tests/storage_contract_test.cpp).
//
// Errors (beyond those named per method):
//   kUnavailable  the database cannot be reached or is locked for too long; retrying may help
//   kInternal     an unexpected database failure (details in Status::internal())
// A Store is one connection: use it from one thread at a time.

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"
#include "storage/account_records.hpp"
#include "storage/aftercare_store.hpp"
#include "storage/indicator_store.hpp"
#include "storage/ledger_store.hpp"
#include "storage/oversight_store.hpp"
#include "storage/records.hpp"
#include "storage/reuse_store.hpp"
#include "storage/stats_records.hpp"
#include "storage/vetting_store.hpp"

namespace kangfu::storage {

class Store {
 public:
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // "sqlite" or "postgresql".
  virtual std::string_view Backend() const = 0;
  // The schema version the database is at (after OpenStore: the latest this build knows).
  virtual Result<int> SchemaVersion() = 0;

  // Unit of work: runs `work` in one transaction. Commits when `work` returns OK; otherwise rolls
  // back every write made inside and returns the error. When any operation inside fails, the
  // transaction is doomed: later operations return kFailedPrecondition
  // ("transaction.aborted") and InTransaction rolls back and returns that first failure, even if
  // `work` ignored it (so both backends behave the same). Nested calls join the outer
  // transaction. Outside InTransaction every write method is atomic on its own.
  virtual Status InTransaction(const std::function<Status()>& work) = 0;

  // Request transaction: one transaction around a whole read request, so that its reads share
  // one snapshot and one lock cycle (instead of one implicit transaction per statement) and the
  // audit entries it appends commit together with it. Use it through RequestTransaction below.
  // BeginRequest starts it: SQLite "BEGIN" (deferred: the write lock is taken by the first
  // write), PostgreSQL "BEGIN". While it is open, InTransaction runs each outermost unit of work
  // in a SAVEPOINT: a unit that fails rolls back to it and returns its error, the request's
  // transaction stays usable (as if the unit had been a transaction of its own), and a unit that
  // succeeds is kept but only made durable by EndRequest. A write outside any unit that fails
  // dooms the request transaction. kFailedPrecondition "transaction.open" when a transaction is
  // already open; the database's errors otherwise (nothing is then open).
  virtual Status BeginRequest() = 0;
  // Ends the request transaction: commits when `commit` is true and it is not doomed; otherwise
  // rolls back. Returns the commit's error, or the failure that doomed it ("transaction.aborted"
  // family) when it was rolled back for that reason; OK after a requested rollback. Without an
  // open request transaction: kFailedPrecondition "transaction.none".
  virtual Status EndRequest(bool commit) = 0;

  // Read batch (group commit): one transaction shared by several read requests, so that their
  // audit entries reach the disk in one commit instead of one each. BeginBatch starts it and takes
  // the write lock at once (SQLite "BEGIN IMMEDIATE"; PostgreSQL "BEGIN", appenders queue on the
  // audit lock). Audit entries appended in the batch are kept aside and written just before its
  // COMMIT (until then FindAudit and ListAudit do not see them; LastAudit does). While it is open,
  // BeginRequest opens a SAVEPOINT
  // instead of a transaction and EndRequest releases it (commit = true and not doomed: the
  // request's writes are kept, but made durable only by EndBatch) or rolls back to it (the
  // request's writes are undone, the batch carries on); EndRequest's result is as without a
  // batch. Units of work inside the request nest as savepoints, as without a batch. When even
  // the savepoint cannot be released or rolled back, the batch is doomed: later BeginRequest
  // calls return that failure and EndBatch rolls back and returns it.
  // kFailedPrecondition "transaction.open" when any transaction is already open; the database's
  // errors otherwise (nothing is then open).
  virtual Status BeginBatch() = 0;
  // Ends the read batch: commits when `commit` is true and it is not doomed, otherwise rolls
  // back (as EndRequest). kFailedPrecondition "transaction.none" without an open batch or while
  // a request inside it is still open.
  virtual Status EndBatch(bool commit) = 0;

  // Inside an open transaction (a read batch, say): a number that differs from the one read in
  // an earlier transaction of this Store whenever another connection (another process)
  // committed a change in between; this Store's own commits do not change it (SQLite's PRAGMA
  // data_version). Lets a caller keep what it read across transactions and know when to read
  // again. nullopt when the backend cannot tell (PostgreSQL, or a Store without the notion):
  // then nothing read may be kept across transactions. The database's errors otherwise.
  virtual Result<std::optional<int64_t>> ForeignDataVersion() { return std::optional<int64_t>(); }

  // --- organisations ---
  // Stores a new organisation under `org.parent_id` (0 for a root) and returns it with id, path
  // and version 1. kNotFound "organisation.not_found" (field parent_id) when the parent does not
  // exist; kInvalidArgument "organisation.name_empty" for an empty name.
  virtual Result<Organisation> AddOrganisation(const Organisation& org) = 0;
  // kNotFound "organisation.not_found" when there is no such row.
  virtual Result<Organisation> GetOrganisation(RowId id) = 0;
  // The organisation and everything under it, ordered by path; root_id 0: every organisation.
  // kNotFound as above.
  virtual Result<std::vector<Organisation>> ListSubtree(RowId root_id) = 0;
  // Renames; `org.version` must be the version read. Returns the row with its new version.
  // kConflict "record.stale" when the row changed since; kNotFound when it is gone.
  virtual Result<Organisation> RenameOrganisation(const Organisation& org) = 0;

  // --- persons ---
  // Validates the ID number (domain::ValidateIdNumber errors, field "id_number"), stores the
  // person, returns it with id and version 1. kAlreadyExists "person.id_number_taken" when the
  // number is on record; kNotFound "organisation.not_found" (field unit_id) for an unknown unit.
  virtual Result<Person> AddPerson(const Person& person) = 0;
  // kNotFound "person.not_found".
  virtual Result<Person> GetPerson(RowId id) = 0;
  // kNotFound "person.not_found" (field id_number).
  virtual Result<Person> FindPersonByIdNumber(std::string_view id_number) = 0;
  // Replaces every field; same errors as AddPerson plus kConflict "record.stale" and kNotFound.
  virtual Result<Person> UpdatePerson(const Person& person) = 0;

  // --- cases ---
  // Stores a case; `unit_id` is taken from the person's current unit. kNotFound
  // "person.not_found" (person_id) or "organisation.not_found" (organ_id); kInvalidArgument
  // "case.form" when form is not 0-4, "case.decision_number" when empty.
  virtual Result<Case> AddCase(const Case& c) = 0;
  virtual Result<Case> GetCase(RowId id) = 0;  // kNotFound "case.not_found"
  // Updates organ, number, date, discipline, source, form (not person or unit).
  // kConflict "record.stale"; kNotFound "case.not_found".
  virtual Result<Case> UpdateCase(const Case& c) = 0;

  // --- measures ---
  // kNotFound "case.not_found" (case_id); kInvalidArgument "measure.kind" when the code is empty,
  // "measure.outcome" when outcome and outcome_date are not both set or both unset,
  // "measure.term_months" / "measure.period_months" when not positive.
  virtual Result<Measure> AddMeasure(const Measure& m) = 0;
  virtual Result<Measure> GetMeasure(RowId id) = 0;  // kNotFound "measure.not_found"
  // Updates every field but case_id. kConflict "record.stale"; kNotFound "measure.not_found".
  virtual Result<Measure> UpdateMeasure(const Measure& m) = 0;

  // --- holds ---
  // kNotFound "person.not_found"; kInvalidArgument "hold.to" when `to` is before `from`.
  virtual Result<Hold> AddHold(const Hold& h) = 0;
  // Updates kind, from and to (closing a hold sets `to`). kConflict "record.stale";
  // kNotFound "hold.not_found".
  virtual Result<Hold> UpdateHold(const Hold& h) = 0;

  // --- queries ---
  // One person's full history by ID number. kNotFound "person.not_found" (field id_number).
  virtual Result<PersonHistory> LoadHistory(std::string_view id_number) = 0;
  // LoadHistory for many persons by id in a few set queries (a bulk replan): the histories of
  // the persons of `person_ids` that exist, ordered by person id, each as LoadHistory gives it.
  // Unknown ids are simply absent.
  virtual Result<std::vector<PersonHistory>> LoadHistories(std::span<const RowId> person_ids) = 0;
  // Cases decided in [from, to] whose unit lies in the subtree of `org_id`, per four-forms
  // class (each case counted once, at the form stored on it). kNotFound "organisation.not_found".
  virtual Result<FormCounts> CountCasesByForm(RowId org_id, Date from, Date to) = 0;
  // Persons whose unit lies in the subtree of `query.root_org_id`, filtered by name (substring,
  // case-sensitive), party membership and leading-cadre status, sorted, and paged by
  // `limit`/`offset`; `total` counts every match. kNotFound "organisation.not_found" (field
  // root_org_id) for an unknown root; kInvalidArgument "page.limit" unless 1 <= limit <= 1000,
  // "page.offset" when negative.
  virtual Result<PersonPage> ListPersons(const PersonQuery& query) = 0;

  // --- accounts, sessions, audit ---
  // Stores a new account with version 1. kInvalidArgument "account.username_empty" (field
  // username); kAlreadyExists "account.username_taken" (field username); kNotFound
  // "organisation.not_found" (field jurisdiction_org) for an unknown organisation.
  virtual Result<Account> AddAccount(const Account& account) = 0;
  // kNotFound "account.not_found".
  virtual Result<Account> GetAccount(RowId id) = 0;
  // kNotFound "account.not_found" (field username).
  virtual Result<Account> FindAccountByUsername(std::string_view username) = 0;
  // Every account, ordered by id.
  virtual Result<std::vector<Account>> ListAccounts() = 0;
  virtual Result<int64_t> CountAccounts() = 0;
  // Replaces every field but id and username; `account.version` must be the version read.
  // Returns the row with its new version. kConflict "record.stale"; kNotFound
  // "account.not_found"; kNotFound "organisation.not_found" (field jurisdiction_org).
  virtual Result<Account> UpdateAccount(const Account& account) = 0;

  // kNotFound "account.not_found" (field account_id); kAlreadyExists "session.duplicate".
  virtual Status AddSession(const StoredSession& session) = 0;
  // kNotFound "session.not_found".
  virtual Result<StoredSession> GetSession(std::string_view id_hash) = 0;
  // Sets last_seen_at. kNotFound "session.not_found".
  virtual Status TouchSession(std::string_view id_hash, std::string_view last_seen_at) = 0;
  // Removes one session; an unknown hash is not an error.
  virtual Status RemoveSession(std::string_view id_hash) = 0;
  // Removes every session of an account; returns how many.
  virtual Result<int64_t> RemoveAccountSessions(RowId account_id) = 0;
  // Removes every session last seen before `seen_before` or created before `created_before`
  // (timestamps as stored, "YYYY-MM-DDTHH:MM:SSZ", which order as text); returns how many.
  virtual Result<int64_t> RemoveExpiredSessions(std::string_view seen_before,
                                                std::string_view created_before) = 0;

  // The audit log is append-only through this port: there is no update or delete.
  // Appends `record` as given (seq and hash are the caller's; position is ignored). An entry
  // whose `at` is earlier than the newest entry's is kept as given and noted (migration 0014).
  // kAlreadyExists "audit.seq_taken" when the newest entry on record has this or a higher seq
  // (another appender won the race; the transaction must be retried).
  virtual Status AppendAudit(const AuditRecord& record) = 0;
  // The last appended entry, nullopt when the log is empty. Inside InTransaction on PostgreSQL it
  // first takes a transaction-level advisory lock, so that concurrent appenders queue up instead
  // of racing for the same seq (SQLite's write transaction already serialises them).
  virtual Result<std::optional<AuditRecord>> LastAudit() = 0;
  // Up to `limit` entries with position > `after_position`, in append order (page through the
  // whole log with after_position = the last position read, starting from 0).
  virtual Result<std::vector<AuditRecord>> ListAudit(int64_t after_position, int64_t limit) = 0;
  // The entries that pass every filter of `filter`, newest first: `limit` of them after skipping
  // `offset`, with the number that match in all. Each filter is answered from an index of
  // migration 0009 (a page costs O(offset + limit) index steps, not a scan of the log; the total
  // counts the matching index entries); the time filter from an id range found by binary search
  // (migration 0014: the log is in time order after the entries recorded out of order, which
  // are searched by time alone). kInvalidArgument "audit.query" when offset < 0 or limit is
  // outside 1..1000.
  virtual Result<AuditPage> FindAudit(const AuditFilter& filter) = 0;

  // --- maintenance ---
  // Writes a consistent copy of the whole database to `file` (SQLite: online backup API;
  // PostgreSQL: pg_dump custom format). kUnavailable "backup.failed" with a Chinese message.
  virtual Status Backup(const std::string& file) = 0;
  // Replaces the database's contents with the backup in `file`, then migrates it to the latest
  // schema. kNotFound "backup.file_missing"; kUnavailable "restore.failed"; a backup from a newer
  // Kangfu is refused with kFailedPrecondition "schema.too_new".
  virtual Status Restore(const std::string& file) = 0;

  // --- bulk load ---
  // Many rows in one call, for `kangfu gen` and imports: far cheaper per row than the single-row
  // methods (SQLite: one prepared statement reused for every row; PostgreSQL: COPY FROM STDIN;
  // the four-forms rollup is updated once per call, in aggregate). Each call is all-or-nothing:
  // on any error nothing of it is written, and inside InTransaction it dooms the transaction
  // like any failed write. Rows are checked as by the single-row methods, before anything is
  // written; the error's field names the row ("persons[3].id_number", "cases[0].person_id").
  // On success each row gets its id (increasing in input order) and version 1, each case its
  // unit_id. An empty span is a no-op.
  //
  // Persons: AddPerson's checks; kAlreadyExists "person.id_number_taken" also for a number that
  // occurs twice in `persons`.
  virtual Status BulkAddPersons(std::span<Person> persons) = 0;
  // Cases: AddCase's checks; the persons must be stored already (by an earlier call, possibly
  // in the same transaction).
  virtual Status BulkAddCases(std::span<Case> cases) = 0;
  // Measures: AddMeasure's checks; the cases must be stored already.
  virtual Status BulkAddMeasures(std::span<Measure> measures) = 0;

  // --- statistics (issue 7) ---
  // Every statistic covers the cases decided in [from, to] (inclusive, day precision) whose unit
  // (Case::unit_id) lies in the subtree of `org_id`. Whole calendar months are read from an
  // aggregate kept in the same transaction as every case and measure write (case_stats_rollup,
  // per organisation, month, dimension and form), so the cost does not grow with the subtree;
  // only the partial months at the edges of the period read the cases themselves. A period with
  // `to` before `from` is empty (no error). kNotFound "organisation.not_found" for an unknown
  // `org_id`. CountCasesByForm above follows the same rules.
  //
  // Counts per value of `dimension`, ordered by key (byte order); values with no case (or
  // measure) in the period are left out.
  virtual Result<std::vector<KeyedFormCounts>> CountCasesByDimension(RowId org_id, Date from,
                                                                     Date to,
                                                                     StatsDimension dimension) = 0;
  // Counts per calendar month, one entry for every month from from's to to's, zeros included,
  // in order. kInvalidArgument "stats.period_too_long" (field to) beyond 1,200 months.
  virtual Result<std::vector<MonthFormCounts>> CountCasesByMonth(RowId org_id, Date from,
                                                                 Date to) = 0;
  // Counts per direct child of `org_id` (each child's whole subtree), one entry for every child,
  // zeros included, ordered by path. Cases recorded on `org_id` itself are in no entry (the
  // subtree's CountCasesByForm minus the children's sum).
  virtual Result<std::vector<OrgFormCounts>> CountCasesByChild(RowId org_id, Date from,
                                                               Date to) = 0;

  // --- aftercare (issue 5) ---
  // The aftercare records (storage/aftercare_store.hpp), on this store's connection and in its
  // transactions. Lives as long as the Store.
  virtual AftercareStore& Aftercare() = 0;

  // --- integrity vetting (issue 6) ---
  // The vetting requests and candidates (storage/vetting_store.hpp), on this store's connection
  // and in its transactions. Lives as long as the Store.
  virtual VettingStore& Vetting() = 0;

  // --- re-use (issue 6) ---
  // The re-use files, steps, documents, assessments and policy (storage/reuse_store.hpp), on this
  // store's connection and in its transactions. Lives as long as the Store.
  virtual ReuseStore& Reuse() = 0;

  // --- clues, talks, clearances, fault tolerance (issue 6) ---
  // The oversight records (storage/oversight_store.hpp), on this store's connection and in its
  // transactions. Lives as long as the Store.
  virtual OversightStore& Oversight() = 0;

  // --- ledger import and export (issue 7) ---
  // Set-at-a-time reads (storage/ledger_store.hpp) on this store's connection. Lives as long as
  // the Store.
  virtual LedgerStore& Ledger() = 0;

  // --- work indicators of the statistics (issue 7) ---
  // Read-only queries (storage/indicator_store.hpp) on this store's connection. Lives as long as
  // the Store.
  virtual IndicatorStore& Indicators() = 0;

 protected:
  Store() = default;
};

// The request transaction as a scoped object: begins in the constructor, rolls back in the
// destructor unless Commit was called. Typical use: begin, run the request, Commit, and only
// answer with the data when Commit returned OK (so an answer never outlives its audit entry).
class RequestTransaction {
 public:
  explicit RequestTransaction(Store& store) : store_(store), begun_(store.BeginRequest()) {}
  ~RequestTransaction() {
    if (begun_.ok() && !ended_) (void)store_.EndRequest(false);
  }
  RequestTransaction(const RequestTransaction&) = delete;
  RequestTransaction& operator=(const RequestTransaction&) = delete;

  // Whether BeginRequest succeeded (its error otherwise).
  const Status& begun() const { return begun_; }
  // Commits (see Store::EndRequest). Returns begun() when the transaction never started.
  Status Commit() {
    if (!begun_.ok()) return begun_;
    ended_ = true;
    return store_.EndRequest(true);
  }

 private:
  Store& store_;
  Status begun_;
  bool ended_ = false;
};

// Opens the database named by `url` and migrates it to the latest schema:
//   sqlite::memory:            a private in-memory database
//   sqlite://PATH              a file ("sqlite:///abs/kangfu.db", "sqlite://var/kangfu.db"
//   relative) postgresql://… postgres://…  a PostgreSQL server (libpq connection URI)
// Errors: kInvalidArgument "storage.url" for an unknown scheme; kUnavailable "storage.open" when
// the database cannot be opened; kFailedPrecondition "schema.too_new" when the database was
// written by a newer Kangfu (it is left untouched).
Result<std::unique_ptr<Store>> OpenStore(std::string_view url);

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_STORE_HPP_
