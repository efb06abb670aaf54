#include "storage/sql_area.hpp"

#include <string>

namespace kangfu::storage {

namespace {

template <typename Ids>
std::string JsonIdArrayOf(const Ids& ids) {
  std::string json = "[";
  for (RowId id : ids) {
    if (json.size() > 1) json += ',';
    json += std::to_string(id);
  }
  return json + "]";
}

}  // namespace

std::string JsonIdArray(std::span<const RowId> ids) { return JsonIdArrayOf(ids); }
std::string JsonIdArray(const std::set<RowId>& ids) { return JsonIdArrayOf(ids); }

Status Stale() {
  return Status::Error(ErrorCode::kConflict, "record.stale",
                       "该记录已被他人修改，请刷新后在最新内容上重新编辑", "version");
}

Status Aborted() {
  return Status::Error(ErrorCode::kFailedPrecondition, "transaction.aborted",
                       "本次提交中已有一步失败，全部修改均未保存，请修正后重新提交");
}

Status MapError(Status driver, Status (*unique)()) {
  const std::string& reason = driver.reason();
  if (reason == "sql.unique" && unique != nullptr) return unique().WithInternal(driver.internal());
  if (reason == "sql.check" || reason == "sql.unique" || reason == "sql.foreign_key" ||
      reason == "sql.not_null") {
    return Status::Invalid("", "record.invalid",
                           "提交的数据不符合要求（存在无效取值），请核对后重试")
        .WithInternal(driver.internal());
  }
  return driver;
}

}  // namespace kangfu::storage
