#ifndef KANGFU_APP_LIST_SERVICE_HPP_
#define KANGFU_APP_LIST_SERVICE_HPP_

// Lists within the actor's jurisdiction: persons (paginated, filtered and sorted by the
// database) and the organisation tree. Lists show no case facts; a service built with an audit
// sink records one "person.list" entry per person list served (who looked at which names).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/audit_sink.hpp"
#include "core/status.hpp"
#include "storage/store.hpp"

namespace kangfu::app {

inline constexpr int kMaxPageSize = 100;

struct PersonListQuery {
  int64_t page = 1;        // from 1
  int64_t page_size = 20;  // 1..kMaxPageSize
  std::string name_contains{};
  storage::RowId unit_id = 0;  // narrow to this organisation's subtree; 0 = whole jurisdiction
  std::optional<bool> party_member{};
  std::optional<bool> leading_cadre{};
  storage::PersonSort sort = storage::PersonSort::kName;
};

struct PersonList {
  std::vector<storage::Person> items;
  int64_t total = 0;  // matches on every page
  int64_t page = 1;
  int64_t page_size = 20;
};

class ListService {
 public:
  // Without an audit sink nothing is audited (tools and tests); `store` and `audit` must
  // outlive the service.
  explicit ListService(storage::Store& store) : store_(&store) {}
  ListService(storage::Store& store, AuditSink& audit) : store_(&store), audit_(&audit) {}

  // Persons whose unit lies in the jurisdiction (and in `unit_id`'s subtree when set).
  // kPermissionDenied "auth.forbidden" without kReadStatusAnswers; kInvalidArgument
  // "page.number" (field page) when page < 1, "page.size" (field page_size) outside
  // 1..kMaxPageSize; kNotFound "organisation.not_found" (field unit_id) for an organisation that
  // does not exist or lies outside the jurisdiction. A page past the end is empty, not an error.
  // With an audit sink, the page is returned only once "person.list" (detail: the query) is
  // recorded; the sink's error otherwise.
  Result<PersonList> ListPersons(const Actor& actor, const PersonListQuery& query);

  // The organisation tree of the jurisdiction, ordered by path (parents before children); empty
  // for an account that has no jurisdiction yet; the whole structure for an account that grants
  // jurisdictions (kGrantRoles). kPermissionDenied "auth.forbidden" without kReadOrganisations.
  Result<std::vector<storage::Organisation>> OrganisationTree(const Actor& actor);

 private:
  storage::Store* store_;
  AuditSink* audit_ = nullptr;
};

}  // namespace kangfu::app

#endif  // KANGFU_APP_LIST_SERVICE_HPP_
