#include "storage/records.hpp"

#include <array>
#include <cstddef>

namespace kangfu::storage {
namespace {

struct CodeLabel {
  std::string_view code;
  std::string_view label;
};

constexpr std::array<CodeLabel, 4> kOrgLevels = {
    {{"province", "省"}, {"city", "市"}, {"county", "县（区）"}, {"unit", "单位"}}};
constexpr std::array<CodeLabel, 6> kDisciplines = {{{"political", "政治纪律"},
                                                    {"organisational", "组织纪律"},
                                                    {"integrity", "廉洁纪律"},
                                                    {"masses", "群众纪律"},
                                                    {"work", "工作纪律"},
                                                    {"life", "生活纪律"}}};
constexpr std::array<CodeLabel, 6> kSources = {{{"self_report", "主动说明问题"},
                                                {"petition", "信访举报"},
                                                {"inspection", "巡视巡察"},
                                                {"audit", "审计"},
                                                {"supervision", "监督检查"},
                                                {"other", "其他"}}};
template <typename Enum, std::size_t N>
std::optional<Enum> FromCode(const std::array<CodeLabel, N>& table, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i].code == code) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view OrgLevelCode(OrgLevel level) {
  return kOrgLevels.at(static_cast<std::size_t>(level)).code;
}
std::string_view OrgLevelLabel(OrgLevel level) {
  return kOrgLevels.at(static_cast<std::size_t>(level)).label;
}
std::optional<OrgLevel> OrgLevelFromCode(std::string_view code) {
  return FromCode<OrgLevel>(kOrgLevels, code);
}
std::string_view DisciplineCode(Discipline discipline) {
  return kDisciplines.at(static_cast<std::size_t>(discipline)).code;
}
std::optional<Discipline> DisciplineFromCode(std::string_view code) {
  return FromCode<Discipline>(kDisciplines, code);
}
std::string_view DisciplineLabel(Discipline discipline) {
  return kDisciplines.at(static_cast<std::size_t>(discipline)).label;
}
std::string_view CaseSourceCode(CaseSource source) {
  return kSources.at(static_cast<std::size_t>(source)).code;
}
std::optional<CaseSource> CaseSourceFromCode(std::string_view code) {
  return FromCode<CaseSource>(kSources, code);
}
std::string_view CaseSourceLabel(CaseSource source) {
  return kSources.at(static_cast<std::size_t>(source)).label;
}

}  // namespace kangfu::storage
