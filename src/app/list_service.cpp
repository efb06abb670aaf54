#include "app/list_service.hpp"

namespace kangfu::app {
namespace {

Status OrganisationNotFound() {
  return Status::NotFound("organisation.not_found", "未找到该单位，或该单位不在本账号的管辖范围内",
                          "unit_id");
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
  PersonList list;
  list.items = std::move(page.persons);
  list.total = page.total;
  list.page = query.page;
  list.page_size = query.page_size;
  return list;
}

Result<std::vector<storage::Organisation>> ListService::OrganisationTree(const Actor& actor) {
  KANGFU_RETURN_IF_ERROR(RequirePermission(actor, Permission::kReadOrganisations));
  return store_->ListSubtree(actor.jurisdiction_org);
}

}  // namespace kangfu::app
