#include <fmt/core.h>

#include <memory>
#include <optional>

#include "cli/commands.hpp"
#include "codec/catalogue_json.hpp"
#include "codec/rules_case_json.hpp"

namespace kangfu::cli {
namespace {

struct RulesArgs {
  std::string case_file;
  std::string catalogue_file;
  std::string overrides_file;
};

// The catalogue to use: the built-in one, or a replacement file, then an administrator's
// overrides of `practice` entries.
Result<domain::Catalogue> LoadCatalogue(const RulesArgs& args) {
  std::optional<domain::Catalogue> catalogue;
  if (args.catalogue_file.empty()) {
    catalogue = codec::BuiltinCatalogue();
  } else {
    KANGFU_ASSIGN_OR_RETURN(std::string text, ReadInputFile(args.catalogue_file));
    Result<domain::Catalogue> parsed = codec::ParseCatalogue(text);
    if (!parsed.ok()) {
      Status status = std::move(parsed).TakeStatus();
      return std::move(status.PrefixField("catalogue"));
    }
    catalogue = std::move(parsed).value();
  }
  if (args.overrides_file.empty()) return std::move(*catalogue);
  KANGFU_ASSIGN_OR_RETURN(std::string text, ReadInputFile(args.overrides_file));
  KANGFU_ASSIGN_OR_RETURN(std::vector<domain::KindOverride> overrides,
                          codec::ParseCatalogueOverrides(text));
  return catalogue->WithOverrides(overrides);
}

int Eval(const RulesArgs& args) {
  Result<domain::Catalogue> catalogue = LoadCatalogue(args);
  if (!catalogue.ok()) return ReportError(catalogue.status());
  Result<std::string> text = ReadInputFile(args.case_file);
  if (!text.ok()) return ReportError(text.status());
  Result<domain::RulesCase> rules_case = codec::ParseRulesCase(*text, *catalogue);
  if (!rules_case.ok()) return ReportError(rules_case.status());
  Result<domain::RulesResult> result = domain::EvaluateRulesCase(*catalogue, *rules_case);
  if (!result.ok()) return ReportError(result.status());
  fmt::print("{}\n", codec::RulesResultToJson(*result, *catalogue).dump(2));
  return 0;
}

int PrintCatalogue(const RulesArgs& args) {
  Result<domain::Catalogue> catalogue = LoadCatalogue(args);
  if (!catalogue.ok()) return ReportError(catalogue.status());
  fmt::print("{}\n", codec::CatalogueToJson(*catalogue).dump(2));
  return 0;
}

}  // namespace

void AddRulesCommands(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<RulesArgs>();
  CLI::App* rules = app.add_subcommand("rules", "规则引擎：影响期、四种形态、措施目录");
  rules->require_subcommand(1);

  CLI::App* eval = rules->add_subcommand(
      "eval", "按规则用例格式（shared/spec/conformance.md）计算答复并输出；输入有误时退出码为 2");
  eval->add_option("case", args->case_file, "用例文件（JSON），- 表示标准输入")->required();
  eval->add_option("--catalogue", args->catalogue_file, "使用另一份措施目录文件代替内置目录");
  eval->add_option("--overrides", args->overrides_file, "管理员对“通行做法”条目的调整（JSON）");
  eval->callback([args, &exit_status] { exit_status = Eval(*args); });

  CLI::App* catalogue = rules->add_subcommand("catalogue", "输出当前生效的措施目录（JSON）");
  catalogue->add_option("--catalogue", args->catalogue_file, "使用另一份措施目录文件代替内置目录");
  catalogue->add_option("--overrides", args->overrides_file,
                        "管理员对“通行做法”条目的调整（JSON）");
  catalogue->callback([args, &exit_status] { exit_status = PrintCatalogue(*args); });
}

}  // namespace kangfu::cli
