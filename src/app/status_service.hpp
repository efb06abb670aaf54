#ifndef KANGFU_APP_STATUS_SERVICE_HPP_
#define KANGFU_APP_STATUS_SERVICE_HPP_

// Person status: what a person's record allows on a date for one or more actions (提拔、晋升 …).
// Case-fact readers (Permission::kReadCaseFacts) also get the restrictions in force with the
// measures, cases and articles behind them; organisation-department accounts
// (kReadStatusAnswers only) get the verdict, the first allowed day and a Chinese summary, never
// case facts. Every read of a person's file is audited in the same transaction.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "domain/engine.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// Maximum persons in one batch request.
inline constexpr std::size_t kMaxBatchPersons = 1000;

// A person is named either by row id or by ID number (exactly one of them).
struct PersonRef {
  storage::RowId id = 0;
  std::string id_number;
};

struct StatusQuery {
  PersonRef person;
  domain::Date as_of;
  std::vector<domain::Action> actions;  // at least one; duplicates are answered once
};

// A restriction in force, with the facts behind it (case-fact readers only).
struct RestrictionFact {
  storage::RowId measure_id = 0;
  std::string measure_kind;  // catalogue code
  std::string measure_name;  // "留党察看" …
  storage::RowId case_id = 0;
  std::string decision_number;
  domain::Date from;
  std::optional<domain::Date> to;  // last restricted day; nullopt when open-ended
  std::string basis;               // the article cited
};

// An open matter that puts the action on hold (case-fact readers only).
struct HoldFact {
  storage::RowId hold_id = 0;  // 0 for a suspension (停职检查), then measure_id is set
  storage::RowId measure_id = 0;
  std::string kind;   // "clue_verification", "case_review", or the measure's code
  std::string label;  // "问题线索初步核实中" …
  domain::Date from;
  std::optional<domain::Date> to;
};

// A 容错纠错 免责 decision that took a measure out of the engine's input (case-fact readers
// only): the measure produces no restriction, as if revoked from its start.
struct ExemptionFact {
  storage::RowId fault_tolerance_id = 0;
  storage::RowId measure_id = 0;
  std::string measure_kind;
  std::string decision_number;  // of the measure's case
  std::string ground;           // "三个区分开来" code
  std::string ground_label;
  std::string approver;
  domain::Date date;
};

struct ActionStatus {
  domain::Action action = domain::Action::kPromote;
  domain::VerdictKind verdict = domain::VerdictKind::kAllowed;
  std::optional<domain::Date> allowed_from;
  std::string summary;  // one Chinese sentence for everyone
  // Filled only when PersonStatus::facts_included.
  std::vector<RestrictionFact> restrictions;
  std::vector<HoldFact> holds;
};

struct PersonStatus {
  storage::RowId person_id = 0;
  std::string name;
  std::string id_number;
  domain::Date as_of;
  bool facts_included = false;
  std::vector<ActionStatus> actions;  // in the order asked
  // Filled only when facts_included.
  std::vector<ExemptionFact> exemptions;
};

struct BatchItem {
  std::string id_number;
  // The status, or the per-person error (kNotFound "person.not_found" for an unknown number or
  // one outside the jurisdiction).
  Result<PersonStatus> status;
};

// Facts behind status answers kept between requests, so that a status read by person id need
// not load them again: the person with cases, measures and holds, the person's 容错纠错
// decisions, and the path of the person's unit. Only facts: the permission and jurisdiction
// checks, the evaluation and the audit entry are done for every request.
//
// Its owner decides when the facts may be trusted: it must Clear() the cache whenever anything
// may have been written since they were read (by this process or another), and open it
// (set_usable(true)) only while no write can intervene (the server: inside a read batch, which
// holds the backend's mutex, after comparing the database's data version; see
// api::Backend::SubmitRead). A StatusService without a cache, or with a closed one, reads the
// store every time. Not thread-safe: used under the same lock as the store.
class StatusFactsCache {
 public:
  struct Facts {
    storage::PersonHistory history;
    std::vector<storage::FaultToleranceRow> decisions;
    std::string unit_path;
  };
  // People kept at most; when full, the whole cache is dropped (one reload each, as without it).
  static constexpr std::size_t kLimit = 4096;

  bool usable() const { return usable_; }
  void set_usable(bool usable) { usable_ = usable; }
  void Clear() { facts_.clear(); }
  std::size_t size() const { return facts_.size(); }

  // The facts of person `person_id`, or nullptr. Valid until the next Keep or Clear.
  const Facts* Find(storage::RowId person_id) const {
    auto found = facts_.find(person_id);
    return found == facts_.end() ? nullptr : &found->second;
  }
  // Keeps `facts` for `person_id` (replacing any) and returns them.
  const Facts& Keep(storage::RowId person_id, Facts facts) {
    if (facts_.size() >= kLimit) facts_.clear();
    return facts_.insert_or_assign(person_id, std::move(facts)).first->second;
  }

 private:
  bool usable_ = false;
  std::unordered_map<storage::RowId, Facts> facts_;
};

class StatusService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  StatusService(storage::Store& store, const domain::Catalogue& catalogue,
                domain::EngineOptions options, AuditSink& audit)
      : store_(&store), engine_(catalogue, options), audit_(&audit) {}

  // The catalogue the answers are computed with (for the names of measures on record).
  const domain::Catalogue& catalogue() const { return engine_.catalogue(); }

  // The status of one person. Errors:
  //   kPermissionDenied "auth.forbidden" without kReadStatusAnswers;
  //   kInvalidArgument "status.person" (no or two references), "status.actions" (none asked);
  //   kNotFound "person.not_found" (field "id" or "id_number") when there is no such person or
  //     the person's unit lies outside the actor's jurisdiction;
  //   kInternal when the record holds a measure kind the catalogue does not know;
  //   the audit sink's error (nothing is returned when the read cannot be audited).
  Result<PersonStatus> Evaluate(const Actor& actor, const StatusQuery& query);

  // The status of many persons by ID number, each read audited. Per-person errors go in the
  // items; the whole call fails only for the actor's permission, an empty or oversized batch
  // (kInvalidArgument "status.batch_size", at most kMaxBatchPersons), no actions, or a
  // storage/audit failure.
  Result<std::vector<BatchItem>> EvaluateBatch(const Actor& actor,
                                               const std::vector<std::string>& id_numbers,
                                               domain::Date as_of,
                                               const std::vector<domain::Action>& actions);

  // Reads of a person by id go through `cache` while it is usable (nullptr: never). `cache`
  // must outlive the service.
  void SetFactsCache(StatusFactsCache* cache) { cache_ = cache; }

 private:
  // Evaluates a loaded history (with the person's 容错纠错 decisions) whose jurisdiction has
  // been checked.
  Result<PersonStatus> EvaluateHistory(const Actor& actor, const storage::PersonHistory& history,
                                       std::span<const storage::FaultToleranceRow> decisions,
                                       domain::Date as_of,
                                       const std::vector<domain::Action>& actions);
  // The materialised path of organisation `unit_id`; kInternal when it is missing. Unit paths
  // are cached in `org_paths_` for the duration of one call.
  Result<std::string> UnitPath(storage::RowId unit_id);
  // kNotFound "person.not_found" (field `field`) unless the unit lies in the jurisdiction.
  Status CheckJurisdiction(const Actor& actor, storage::RowId unit_id, const std::string& field);
  // The facts behind one status read (from the cache when usable and found there; loaded and
  // kept there otherwise). kNotFound "person.not_found" (field `field`) for an unknown person.
  Result<const StatusFactsCache::Facts*> FactsOf(const StatusQuery& query, const std::string& field,
                                                 StatusFactsCache::Facts* loaded);

  storage::Store* store_;
  domain::Engine engine_;
  AuditSink* audit_;
  StatusFactsCache* cache_ = nullptr;
  // Scratch reused between persons.
  std::vector<domain::Restriction> restrictions_;
  domain::Verdict verdict_;
  std::unordered_map<storage::RowId, std::string> org_paths_;
};

// The Chinese sentence for a verdict, e.g. "晋升工资档次：可以" or
// "晋升工资档次：受处分影响期限制，自2027-05-01起方可".
std::string StatusSummary(domain::Action action, domain::VerdictKind verdict,
                          const std::optional<domain::Date>& allowed_from);

}  // namespace kangfu::app

#endif  // KANGFU_APP_STATUS_SERVICE_HPP_
