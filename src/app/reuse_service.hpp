#ifndef KANGFU_APP_REUSE_SERVICE_HPP_
#define KANGFU_APP_REUSE_SERVICE_HPP_

// 重新使用 (re-use after the influence period, issue 6; rules.md §7). The organisation department
// opens a file for a person and runs the five steps strictly in order (domain/reuse/reuse.hpp);
// each step records the acting organ, the date, a document (uploaded, stored in the database
// with name, type, size and SM3 hash, or a generated letter) and the opinion. The commission
// (案件监督管理) gives its opinion on step 1 before step 2 may follow. Before step 1 and again
// before step 4 the preconditions are checked as of that step's date: every influence period over
// (the rules engine's restrictions), no hold, no new case during an influence period, at least
// one visit, the mentor's half-year reports. The eligibility policy (差异化的分类管理) decides
// whether the person's sanctions may be proposed at all; a heavier one needs an override with
// its reason, approved by a leader, before step 1.
//
// Who sees what. The organisation department (kRunReuse, kReadReuse) sees the file, its steps and
// documents, the evidence it gathered, and the precondition and eligibility results phrased
// without case facts: codes and Chinese reasons, the engine's first free day and the measure's
// name (which the decision placed in the cadre file the department keeps) — never the records
// behind them (refs), decision numbers or case details. Readers of case facts (kReadCaseFacts:
// case manager, leader, unit committee) also get the refs ("measure:12", "hold:3", "case:7",
// "mentor:2"). A file is visible when the person's unit lies in the actor's jurisdiction;
// anything else is "reuse.not_found" (or "person.not_found").
//
// Every read and write is audited ("reuse.read", "reuse.list", "reuse.check", "reuse.evidence",
// "reuse.document", "reuse.open", "reuse.override", "reuse.override_approve", "reuse.step",
// "reuse.commission_opinion", "reuse.upload", "reuse.withdraw", "reuse.decline",
// "reuse.assessment", "reuse.policy", "reuse.policy_read"); writes are one transaction with
// their audit entry. `today` is a parameter.
//
// Common errors: kPermissionDenied "auth.forbidden"; kNotFound "reuse.not_found",
// "person.not_found"; kFailedPrecondition "reuse.closed" when the file is not open;
// kConflict "record.stale" (version); the store's and the audit sink's errors.

#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "domain/catalogue.hpp"
#include "domain/engine.hpp"
#include "domain/reuse/reuse.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

// "优秀" … for "excellent" …; "" when unknown.
std::string_view AssessmentGradeLabel(std::string_view grade);
std::string_view ReuseStateLabel(std::string_view state);  // "办理中" …

struct FiveLooks {
  std::string time;           // 时间：受处分处理的时间、影响期
  std::string cause;          // 原因
  std::string performance;    // 表现
  std::string sanction_type;  // 处分类型
  std::string nature;         // 错误性质
};

// 民主测评 (colleagues' evaluation): counts of 好 / 较好 / 一般 / 差.
struct DemocraticEvaluation {
  int good = 0;
  int fairly_good = 0;
  int average = 0;
  int poor = 0;
};

struct StepInput {
  int step = 0;
  std::string organ;                 // the acting organ
  std::optional<domain::Date> date;  // default: today
  std::string opinion;
  storage::RowId document_id = 0;  // an uploaded document of this file …
  bool generate_letter = false;    // … or a letter generated now (.docx)
  // Step 2.
  std::string attitude;  // 对所犯错误的认识和态度
  std::optional<FiveLooks> five_looks;
  std::optional<DemocraticEvaluation> evaluation;
  // Step 4.
  std::string meeting;                   // 会议名称（如“市委常委会第12次会议”）
  std::string decision;                  // "reuse" | "not_reuse"
  std::vector<std::string> responsible;  // 用人责任：named persons who answer for the decision
  // Step 5.
  std::string publicity;  // how it was made public (在一定范围内通报、公示 …)
};

struct CommissionOpinionInput {
  std::string organ;
  std::optional<domain::Date> date;  // default: today
  std::string result;                // "agree" | "disagree"
  std::string opinion;
  storage::RowId document_id = 0;
};

struct ReuseCheck {
  storage::RowId person_id = 0;
  std::string name;
  domain::Date as_of;
  std::vector<domain::PreconditionResult> preconditions;  // refs cleared without case facts
  domain::EligibilityResult eligibility;                  // refs cleared without case facts
  bool facts_included = false;
  bool ready = false;  // every precondition met and eligibility not excluded
};

struct ReuseFileView {
  storage::ReuseFileRow file;
  std::string person_name;
  std::string unit_name;
  std::vector<storage::ReuseStepRow> steps;
  std::vector<storage::ReuseDocumentRow> documents;  // without bytes
  int next_step = 0;                                 // 1 … 5, 0 when closed or complete
  bool override_required = false;                    // override given and not yet approved
};

struct ReuseEvidence {
  storage::RowId file_id = 0;
  std::string attitude;  // from step 2 ("" until recorded)
  std::optional<FiveLooks> five_looks;
  std::optional<DemocraticEvaluation> evaluation;
  std::vector<storage::ReuseAssessmentRow> assessments;
  struct Visit {
    domain::Date date;
    std::string grade;  // "good" | "fair" | "poor"
  };
  std::vector<Visit> visits;
  struct Report {
    int year = 0;
    int half = 1;
    domain::Date submitted;
    std::string summary;  // only for aftercare readers (kReadAftercare)
  };
  std::vector<Report> mentor_reports;
};

struct UploadInput {
  std::string name;
  std::string content_type;
  std::string bytes;
};

class ReuseService {
 public:
  // Everything referenced must outlive the service. One service per Store (one thread).
  ReuseService(storage::Store& store, const domain::Catalogue& catalogue,
               domain::EngineOptions options, AuditSink& audit)
      : store_(&store), engine_(catalogue, options), audit_(&audit) {}

  // kReadReuse. The preconditions and eligibility of a person as of `as_of` (default today).
  Result<ReuseCheck> Check(const Actor& actor, storage::RowId person_id,
                           std::optional<domain::Date> as_of, domain::Date today);

  // kRunReuse. Opens a file for a person of the jurisdiction (org = the actor's jurisdiction).
  // Eligibility is checked now: "reuse.ineligible"; "reuse.override_required"
  // (override_reason) for a heavier sanction without a reason. An override is recorded (audited
  // "reuse.override") and waits for a leader's approval. kAlreadyExists "reuse.file_open".
  Result<ReuseFileView> Open(const Actor& actor, storage::RowId person_id,
                             const std::string& override_reason, domain::Date today);
  // kReadReuse. The jurisdiction's files, newest first (without steps and documents).
  Result<std::vector<ReuseFileView>> List(const Actor& actor);
  // kReadReuse. One file with its steps and documents.
  Result<ReuseFileView> Get(const Actor& actor, storage::RowId id);
  // kReadReuse. The evidence for steps 2 and 4.
  Result<ReuseEvidence> Evidence(const Actor& actor, storage::RowId id);

  // kApproveReuse; file open with an override not yet approved ("reuse.no_override").
  Result<ReuseFileView> ApproveOverride(const Actor& actor, storage::RowId id, int64_t version,
                                        domain::Date today);

  // kRunReuse. Records the next step. Besides domain::CheckReuseStep's errors:
  //   kInvalidArgument "reuse.organ_required" (organ), "reuse.opinion_required" (opinion),
  //     "reuse.document_required" (document_id), "reuse_document.not_found" (document_id) for a
  //     document of another file, "reuse.attitude_required" (attitude),
  //     "reuse.five_looks_required" (five_looks.<member>), "reuse.evaluation_invalid"
  //     (evaluation), "reuse.meeting_required" (meeting), "reuse.decision_invalid" (decision),
  //     "reuse.responsible_required" (responsible), "reuse.publicity_required" (publicity);
  //   kFailedPrecondition "reuse.override_unapproved" (step 1 before a leader approved the
  //     override), "reuse.commission_opinion_missing" (step 2 before the commission's opinion),
  //     "reuse.preconditions" (steps 1 and 4, each failure in details()), "reuse.ineligible" /
  //     "reuse.override_required" (step 1, when the policy changed since opening).
  // Step 4 with decision "not_reuse" closes the file as not_reused (reason: the opinion); step 5
  // closes it as reused.
  Result<ReuseFileView> RecordStep(const Actor& actor, storage::RowId id, const StepInput& input,
                                   domain::Date today);
  // kGiveReuseOpinion; step 1 recorded, step 2 not yet ("reuse.step_out_of_order" otherwise).
  // kInvalidArgument "reuse.organ_required", "reuse.opinion_required", "reuse.result_invalid"
  // (result), "reuse.step_date" (date before step 1's), "reuse.step_date_future".
  Result<ReuseFileView> GiveCommissionOpinion(const Actor& actor, storage::RowId id,
                                              const CommissionOpinionInput& input,
                                              domain::Date today);

  // kRunReuse or kGiveReuseOpinion; file open. kInvalidArgument "reuse.document_name" (name),
  // "reuse.document_empty" (file); kResourceExhausted "reuse.document_too_large" (file) beyond
  // the policy's max_document_bytes. Returns the stored document (without bytes).
  Result<storage::ReuseDocumentRow> Upload(const Actor& actor, storage::RowId id,
                                           const UploadInput& input, domain::Date today);
  // kReadReuse. The document with its bytes; "reuse_document.not_found" when it belongs to
  // another file.
  Result<storage::ReuseDocumentRow> Document(const Actor& actor, storage::RowId id,
                                             storage::RowId document_id);

  // kRunReuse; file open. kInvalidArgument "reuse.reason_required" (reason).
  Result<ReuseFileView> Withdraw(const Actor& actor, storage::RowId id, int64_t version,
                                 const std::string& reason, domain::Date today);
  // kRunReuse; file open. A decision not to re-use (closes the file as not_reused).
  Result<ReuseFileView> Decline(const Actor& actor, storage::RowId id, int64_t version,
                                const std::string& reason, domain::Date today);

  // kRunReuse. Records an annual assessment result (年度考核) of a person of the jurisdiction.
  // kInvalidArgument "reuse.assessment_year" (year, 1949 … this year), "reuse.assessment_grade"
  // (grade); kAlreadyExists "reuse_assessment.duplicate".
  Result<storage::ReuseAssessmentRow> AddAssessment(const Actor& actor, storage::RowId person_id,
                                                    int year, const std::string& grade,
                                                    domain::Date today);

  // kReadReuse or kManageReusePolicy. The policy in force and its stored version (0: default).
  Result<std::pair<domain::ReusePolicy, int64_t>> Policy(const Actor& actor);
  // kManageReusePolicy. Validates against the catalogue and the six disciplines
  // (domain::ValidateReusePolicy) and stores it; `version` as read (0 for the first copy).
  Result<std::pair<domain::ReusePolicy, int64_t>> PutPolicy(const Actor& actor,
                                                            const domain::ReusePolicy& policy,
                                                            int64_t version);

 private:
  Status Audit(const Actor& actor, const char* action, const std::string& type, storage::RowId id,
               std::string before, std::string after, std::string detail = {});
  // The person when their unit lies in the jurisdiction, else "person.not_found".
  Result<storage::Person> PersonFor(const Actor& actor, storage::RowId person_id);
  // The file when its person lies in the jurisdiction, else "reuse.not_found".
  Result<storage::ReuseFileRow> FileFor(const Actor& actor, storage::RowId id);
  Result<ReuseFileView> BuildView(const storage::ReuseFileRow& file, bool full);
  Result<domain::ReusePolicy> LoadPolicy(int64_t* version);
  // The engine's facts and the preconditions as of `as_of` (refs kept).
  Result<ReuseCheck> Evaluate(const storage::Person& person, domain::Date as_of);
  Result<storage::ReuseFileRow> Close(const Actor& actor, storage::RowId id, int64_t version,
                                      const std::string& reason, const char* state,
                                      const char* action, domain::Date today);

  storage::Store* store_;
  domain::Engine engine_;
  AuditSink* audit_;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_REUSE_SERVICE_HPP_
