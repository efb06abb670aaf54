#ifndef KANGFU_APP_REMINDER_DIGEST_HPP_
#define KANGFU_APP_REMINDER_DIGEST_HPP_

// The daily reminder run (rules.md §7, issue 5 "a scheduler inside the server"): every due and
// overdue item of the whole database counted per responsible organisation or mentor and kind.
// The workbench lists items live for one account; the digest answers "how much is waiting, and
// where" cheaply (the top bar's badge, the per-unit overdue figures, the operations log) without
// recomputing a province on every request.

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/status.hpp"
#include "domain/aftercare/reminders.hpp"
#include "domain/date.hpp"
#include "storage/records.hpp"

namespace kangfu::app {

// Whom an item waits for: an organisation (visits, execution, escalations, endings) or a mentor
// (a person: first talk, half-year talks and reports).
struct Responsible {
  bool mentor = false;
  storage::RowId id = 0;

  friend auto operator<=>(const Responsible&, const Responsible&) = default;
};
Responsible ResponsibleOf(const domain::Reminder& reminder);

struct ReminderCount {
  int64_t due = 0;      // listed and not yet overdue
  int64_t overdue = 0;  // past their last day

  friend bool operator==(const ReminderCount&, const ReminderCount&) = default;
};

struct ReminderDigest {
  domain::Date as_of;
  int64_t subjects = 0;  // persons looked at
  // Per responsible, per kind (only kinds with items).
  std::map<Responsible, std::map<domain::ReminderKind, ReminderCount>> counts;
  std::vector<Status> problems;  // subjects whose reminders are incomplete

  // Adds a batch of subjects' reminders.
  void Add(const domain::ReminderReport& report, int64_t subjects_in_batch);
  // The total over the responsibles `keep` accepts, per kind (every kind listed).
  template <typename Keep>
  std::vector<std::pair<domain::ReminderKind, ReminderCount>> Total(Keep keep) const {
    std::map<domain::ReminderKind, ReminderCount> sum;
    for (const auto& [who, kinds] : counts) {
      if (!keep(who)) continue;
      for (const auto& [kind, count] : kinds) {
        sum[kind].due += count.due;
        sum[kind].overdue += count.overdue;
      }
    }
    std::vector<std::pair<domain::ReminderKind, ReminderCount>> out;
    out.reserve(domain::kAllReminderKinds.size());
    for (domain::ReminderKind kind : domain::kAllReminderKinds) out.emplace_back(kind, sum[kind]);
    return out;
  }
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_REMINDER_DIGEST_HPP_
