// libFuzzer target for ledger import (app::LedgerService::Import, dry run): the spreadsheet
// readers plus every per-cell check behind them (ID numbers, dates, yes/no, months, organisation
// names and codes, measure names, the catalogue's checks, the consistency of repeated rows). Any
// input must end in a result or a Status, never a crash, a hang or unbounded memory. Build as the
// other targets (clang, -DKANGFU_BUILD_FUZZ=ON), then run
//   build/fuzz/fuzz/ledger_import_fuzz -max_len=65536 -dict=fuzz/ledger.dict fuzz/ledger_corpus
// A short run (`-runs=20000`) takes seconds; like the other targets it is not part of ctest,
// because it needs the clang fuzzing build.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "app/ledger_service.hpp"
#include "codec/catalogue_json.hpp"
#include "storage/store.hpp"

namespace {

class NullAudit final : public kangfu::app::AuditSink {
 public:
  kangfu::Status Record(const kangfu::app::Actor&, const kangfu::app::AuditEvent&) override {
    return kangfu::Status::Ok();
  }
};

struct World {
  std::unique_ptr<kangfu::storage::Store> store;
  NullAudit audit;
  kangfu::app::Actor actor;
};

World& TheWorld() {
  static World* world = [] {
    auto* w = new World;
    w->store = kangfu::storage::OpenStore("sqlite::memory:").value();
    namespace storage = kangfu::storage;
    auto root =
        w->store->AddOrganisation({.name = "省纪委监委", .level = storage::OrgLevel::kProvince})
            .value();
    auto city = w->store
                    ->AddOrganisation(
                        {.parent_id = root.id, .name = "甲市", .level = storage::OrgLevel::kCity})
                    .value();
    (void)w->store->AddOrganisation(
        {.parent_id = city.id, .name = "甲市财政局", .level = storage::OrgLevel::kUnit});
    w->actor.username = "fuzz";
    w->actor.roles = {kangfu::app::Role::kCaseManager};
    w->actor.jurisdiction_org = city.id;
    w->actor.jurisdiction_path = city.path;
    return w;
  }();
  return *world;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  World& world = TheWorld();
  kangfu::app::LedgerService service(*world.store, kangfu::codec::BuiltinCatalogue(),
                                     kangfu::domain::EngineOptions{}, world.audit);
  kangfu::app::LedgerImportOptions options;
  options.dry_run = true;
  options.today = kangfu::domain::Date::FromCivil(2026, 11, 28).value();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)service.Import(world.actor, bytes, options);
  return 0;
}
