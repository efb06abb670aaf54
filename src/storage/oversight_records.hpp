#ifndef KANGFU_STORAGE_OVERSIGHT_RECORDS_HPP_
#define KANGFU_STORAGE_OVERSIGHT_RECORDS_HPP_

// Rows of the oversight tables (migration 0006, issue 6): 问题线索 (clues), 约谈/谈心谈话 (talks,
// `interview` in the glossary), 澄清正名 (clearances) and 容错纠错 (fault-tolerance decisions).
// Plain values like records.hpp; codes are those of domain/oversight/oversight.hpp and the
// database refuses an unknown code (kInvalidArgument "record.invalid"). Every row names the
// organisation that registered or held it (`organ_id`): lists are scoped by its subtree. Editable
// rows carry `version` (optimistic locking).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/records.hpp"

namespace kangfu::storage {

struct ClueRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;  // 登记机关
  std::string source{};
  std::string summary{};
  Date received{};
  std::string handling{};  // "" while undecided
  std::optional<Date> handling_date{};
  std::optional<Date> reply_due{};  // 谈话函询: last day for the reply (computed by the app)
  std::optional<Date> replied_on{};
  std::string state{};  // "registered" | "in_progress" | "concluded"
  std::optional<Date> concluded_on{};
  std::string conclusion{};
  RowId hold_id = 0;  // the Hold opened by 初步核实 (0 for none)
  std::string registered_by{};
  int64_t version = 0;

  friend bool operator==(const ClueRow&, const ClueRow&) = default;
};

// Who talked: an account of the system (account_id) or a name, with the post.
struct InterviewerRow {
  RowId account_id = 0;  // 0 for none
  std::string name{};
  std::string post{};

  friend bool operator==(const InterviewerRow&, const InterviewerRow&) = default;
};

// Who was talked with.
struct IntervieweeRow {
  RowId person_id = 0;
  bool principal_leader = false;  // 一把手 of the lower-level organisation `led_org_id`
  RowId led_org_id = 0;           // 0 for none

  friend bool operator==(const IntervieweeRow&, const IntervieweeRow&) = default;
};

struct InterviewRow {
  RowId id = 0;
  RowId organ_id = 0;  // the organisation that held the talk
  std::string kind{};  // "routine" | "work" | "reminder" | "heart_to_heart"
  Date date{};
  std::vector<InterviewerRow> interviewers{};  // in the order given
  std::vector<IntervieweeRow> interviewees{};  // in the order given
  std::string topics{};
  std::string follow_up{};
  std::string recorded_by{};
  int64_t version = 0;

  friend bool operator==(const InterviewRow&, const InterviewRow&) = default;
};

struct ClearanceRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;
  RowId clue_id = 0;                       // the clue whose verification cleared them (0 none)
  std::vector<std::string> allegations{};  // the specific allegations cleared, in order
  std::string conclusion{};                // "untrue" | "false_accusation"
  std::string trigger{};                   // "party_proposal" | "self_application"
  std::string approver{};
  std::vector<std::string> methods{};  // codes, "written" always among them
  std::string audience{};
  Date date{};
  bool referred = false;  // 诬告陷害 referred for handling
  std::string recorded_by{};
  int64_t version = 0;

  friend bool operator==(const ClearanceRow&, const ClearanceRow&) = default;
};

struct FaultToleranceRow {
  RowId id = 0;
  RowId person_id = 0;
  RowId organ_id = 0;
  RowId measure_id = 0;      // the measure concerned (0 none)
  RowId clue_id = 0;         // or the clue (0 none)
  std::string allegation{};  // or the allegation, in words
  std::string ground{};      // a "三个区分开来" code
  std::string decision{};    // "exempt" | "mitigate"
  std::string approver{};
  Date date{};
  std::string reason{};
  std::string recorded_by{};
  int64_t version = 0;

  friend bool operator==(const FaultToleranceRow&, const FaultToleranceRow&) = default;
};

// Filters of the oversight lists. Every list is scoped to the subtree of `root_org_id` (by the
// row's organ_id) and ordered newest first (by the record's date, then id, descending).
struct OversightQuery {
  RowId root_org_id = 0;
  RowId person_id = 0;               // 0 = any (talks: any person talked with)
  std::optional<Date> from{};        // record date (clue: received) on or after
  std::optional<Date> to{};          // and on or before
  std::string kind{};                // talk kind, clue handling, clearance conclusion, decision
  std::string state{};               // clues only: "registered" | "in_progress" | "concluded"
  std::optional<Date> overdue_on{};  // clues only: 谈话函询 open with no reply and reply_due before
  bool principal_only = false;       // talks only: with at least one 一把手
  int64_t limit = 20;
  int64_t offset = 0;
};

template <typename Row>
struct OversightPage {
  std::vector<Row> items{};
  int64_t total = 0;  // matching rows on every page
};

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_OVERSIGHT_RECORDS_HPP_
