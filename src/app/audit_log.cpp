#include "app/audit_log.hpp"

#include <utility>
#include <vector>

namespace kangfu::app {
namespace {

void Field(std::string& out, std::string_view value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

}  // namespace

std::string AuditContent(const storage::AuditRecord& record) {
  std::string out;
  out.reserve(128 + record.before_json.size() + record.after_json.size() + record.detail.size());
  Field(out, record.at);
  Field(out, std::to_string(record.actor_id));
  Field(out, record.actor_username);
  Field(out, record.remote_address);
  Field(out, record.request_id);
  Field(out, record.action);
  Field(out, record.object_type);
  Field(out, record.object_id);
  Field(out, record.before_json);
  Field(out, record.after_json);
  Field(out, record.success ? "1" : "0");
  Field(out, record.detail);
  return out;
}

Status AuditLog::Record(const Actor& actor, const AuditEvent& event) {
  return store_.InTransaction([&]() -> Status {
    Result<std::optional<storage::AuditRecord>> last = store_.LastAudit();
    if (!last.ok()) return last.status();
    security::Sm3Digest previous = security::kChainGenesis;
    int64_t seq = 1;
    if (last->has_value()) {
      std::optional<security::Sm3Digest> stored = security::DigestFromHex((*last)->hash);
      if (!stored) {
        return Status::Error(ErrorCode::kInternal, "audit.chain_broken",
                             "审计日志末条记录的校验值已损坏，暂停记录新的审计条目；"
                             "请安全审计员运行 kangfu audit verify 核查")
            .WithInternal("last audit entry seq " + std::to_string((*last)->seq) +
                          " has an unparsable hash");
      }
      previous = *stored;
      seq = (*last)->seq + 1;
    }
    storage::AuditRecord record;
    record.seq = seq;
    record.at = FormatTimestamp(clock_());
    // Never earlier than the entry it follows (a clock set back): the log's time order is then
    // its append order, and the time filter searches ids (migration 0014).
    if (last->has_value() && record.at < (*last)->at) record.at = (*last)->at;
    record.actor_id = actor.account_id;
    record.actor_username = actor.username;
    record.remote_address = actor.remote_address;
    record.request_id = actor.request_id;
    record.action = event.action;
    record.object_type = event.object_type;
    record.object_id = event.object_id;
    record.before_json = event.before_json;
    record.after_json = event.after_json;
    record.success = event.success;
    record.detail = event.detail;
    Result<security::Sm3Digest> hash = security::ChainNext(previous, seq, AuditContent(record));
    if (!hash.ok()) return hash.status();
    record.hash = security::DigestHex(*hash);
    return store_.AppendAudit(record);
  });
}

Result<AuditVerification> VerifyAuditLog(storage::Store& store,
                                         const std::optional<security::ChainCheckpoint>& checkpoint,
                                         int64_t page_size) {
  AuditVerification out;
  int64_t after = 0;
  int64_t next_seq = 1;
  security::Sm3Digest previous = security::kChainGenesis;
  for (;;) {
    Result<std::vector<storage::AuditRecord>> page = store.ListAudit(after, page_size);
    if (!page.ok()) return std::move(page).TakeStatus();
    if (page->empty()) break;
    std::vector<security::ChainEntry> entries;
    entries.reserve(page->size());
    for (const storage::AuditRecord& record : *page) {
      entries.push_back({record.seq, AuditContent(record), record.hash});
    }
    // The checkpoint is checked with the page that holds its seq; past the end, below.
    std::optional<security::ChainCheckpoint> here;
    if (checkpoint && checkpoint->seq >= next_seq && checkpoint->seq <= page->back().seq) {
      here = checkpoint;
    }
    Result<security::ChainReport> report = security::VerifyChain(entries, next_seq, previous, here);
    if (!report.ok()) return std::move(report).TakeStatus();
    out.entries += static_cast<int64_t>(page->size());
    if (!report->ok()) {
      out.report = std::move(report).value();
      return out;
    }
    after = page->back().position;
    next_seq = page->back().seq + 1;
    previous = *security::DigestFromHex(page->back().hash);  // verified just above
    out.last = security::ChainCheckpoint{page->back().seq, page->back().hash};
    if (static_cast<int64_t>(page->size()) < page_size) break;
  }
  Result<security::ChainReport> tail = security::VerifyChain({}, next_seq, previous, checkpoint);
  if (!tail.ok()) return std::move(tail).TakeStatus();
  out.report = std::move(tail).value();
  return out;
}

}  // namespace kangfu::app
