#include "app/list_service.hpp"

namespace kangfu::app {
namespace {

Status OrganisationNotFound() {
  return Status::NotFound("organisation.not_found", "未找到该单位，或该单位不在本账号的管辖范围内",
                          "unit_id");
}

// What was asked, for the audit entry: "root=7 page=1 page_size=20 name=张 total=2".
std::string ListDetail(const PersonListQuery& query, storage::RowId root, int64_t total) {
  std::string detail = "root=" + std::to_string(root) + " page=" + std::to_string(query.page) +
                       " page_size=" + std::to_string(query.page_size);
  if (!query.name_contains.empty()) detail += " name=" + query.name_contains;
  if (query.party_member) {
    detail += *query.party_member ? " party_member=true" : " party_member=false";
  }
  if (query.leading_cadre) {
    detail += *query.leading_cadre ? " leading_cadre=true" : " leading_cadre=false";
  }
  return detail + " total=" + std::to_string(total);
}

}  // namespace

Result<PersonList> ListService::ListPersons(const Actor& actor, const PersonListQuery& query) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadStatusAnswers));
  if (query.page < 1 || query.page > 1'000'000) {
    return Status::Invalid("page", "page.number", "页码须为1至1000000之间的整数");
  }
  if (query.page_size < 1 || query.page_size > kMaxPageSize) {
    return Status::Invalid("page_size", "page.size",
                           "每页条数须在1至" + std::to_string(kMaxPageSize) + "之间");
  }
  storage::RowId root = actor.jurisdiction_org;
  if (query.unit_id != 0) {
    Result<storage::Organisation> unit = store_->GetOrganisation(query.unit_id);
    if (!unit.ok()) {
      if (unit.status().code() == ErrorCode::kNotFound) return OrganisationNotFound();
      return unit.status();
    }
    if (!actor.InJurisdiction(unit->path)) return OrganisationNotFound();
    root = unit->id;
  }
  storage::PersonQuery store_query;
  store_query.root_org_id = root;
  store_query.name_contains = query.name_contains;
  store_query.party_member = query.party_member;
  store_query.leading_cadre = query.leading_cadre;
  store_query.sort = query.sort;
  store_query.limit = query.page_size;
  store_query.offset = (query.page - 1) * query.page_size;
  KANGFU_ASSIGN_OR_RETURN(storage::PersonPage page, store_->ListPersons(store_query));
  if (audit_ != nullptr) {
    AuditEvent event;
    event.action = "person.list";
    event.object_type = "person";
    event.detail = ListDetail(query, root, page.total);
    KANGFU_RETURN_IF_ERROR(store_->InTransaction([&] { return audit_->Record(actor, event); }));
  }
  PersonList list;
  list.items = std::move(page.persons);
  list.total = page.total;
  list.page = query.page;
  list.page_size = query.page_size;
  return list;
}

Result<std::vector<storage::Organisation>> ListService::OrganisationTree(const Actor& actor) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOrganisations));
  // The 安全保密管理员 grants jurisdictions anywhere, so it sees the whole structure (names of
  // organisations, not case data).
  if (actor.Can(Permission::kGrantRoles)) return store_->ListSubtree(0);
  if (actor.jurisdiction_org == 0) return std::vector<storage::Organisation>{};
  return store_->ListSubtree(actor.jurisdiction_org);
}

}  // namespace kangfu::app
