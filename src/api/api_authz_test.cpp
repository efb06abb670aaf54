// The authorisation matrix of /api/v1: every route of the production router (BuildApiRouter)
// × each of the 9 roles → allowed or 403, and for data routes a target inside vs outside the
// actor's jurisdiction → success vs 404. The table below is explicit; the test fails when the
// router has a route the table does not list (so a new endpoint cannot ship unchecked) and when
// the table lists a route the router no longer has.
//
// Every account here has the same jurisdiction (甲市, city A); "outside" targets lie in 乙市.

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "api/aftercare_api.hpp"
#include "api/api_test_support.hpp"
#include "api/ledger_api.hpp"
#include "api/reuse_api.hpp"
#include "api/vetting_api.hpp"
#include "codec/catalogue_json.hpp"

namespace kangfu::api {
namespace {

using app::Role;
using nlohmann::json;
using testing::ApiWorld;
using testing::ClientResponse;
using testing::IdNumber;
using testing::Session;
namespace bhttp = testing::bhttp;

constexpr std::array<Role, app::kRoleCount> kRoles = {
    Role::kCaseManager, Role::kVisitor,  Role::kOrgDepartment, Role::kUnitCommittee, Role::kMentor,
    Role::kLeader,      Role::kSysAdmin, Role::kSecurityAdmin, Role::kAuditor};

struct Probe {
  std::string target;
  std::string body;  // JSON; empty for none
};

// How a target outside the jurisdiction is answered.
enum class Outside {
  kNotScoped,  // the route has no target (lists of one's own jurisdiction, accounts, …)
  kNotFound,   // 404, exactly as a record that does not exist
  kItemError,  // 200, the item carries "person.not_found" (batch answers)
};

struct Entry {
  std::string method;
  std::string pattern;
  // One character per role in kRoles order — CM V OD UC M L SA SE AU — 'Y' allowed, '-' 403;
  // "public" for a route that needs no session.
  std::string roles;
  int success = 200;
  Outside outside = Outside::kNotScoped;
  std::function<Probe(bool inside)> probe;
};

bhttp::verb VerbOf(const std::string& method) {
  if (method == "GET") return bhttp::verb::get;
  if (method == "POST") return bhttp::verb::post;
  if (method == "PUT") return bhttp::verb::put;
  if (method == "DELETE") return bhttp::verb::delete_;
  return bhttp::verb::patch;
}

class AuthorisationMatrixTest : public ApiWorld {
 protected:
  void SetUp() override {
    ApiWorld::SetUp();
    if (HasFatalFailure()) return;
    for (Role role : kRoles) {
      sessions_[role] = LoginAs(std::string(app::RoleCode(role)), {role}, city_a_.id);
    }
    victim_ = AddAccount("victim");
    // Inside (person A, city A) and outside (person B, city B): one case per write route, so
    // that each successful write finds the version it expects.
    add_case_in_ = AddCase(person_a_, "party.warning", "2025-01-10").first;
    add_case_out_ = AddCase(person_b_, "party.warning", "2025-01-10").first;
    revoke_in_ = AddCase(person_a_, "party.warning", "2025-02-10").second;
    revoke_out_ = AddCase(person_b_, "party.warning", "2025-02-10").second;
    outcome_in_ = AddCase(person_a_, "party.probation", "2024-03-01", 12).second;
    outcome_out_ = AddCase(person_b_, "party.probation", "2024-03-01", 12).second;
    hold_in_ = AddHold(person_a_);
    hold_out_ = AddHold(person_b_);
  }

  storage::RowId AddAccount(const std::string& username) {
    storage::Account account;
    account.username = username;
    account.password_hash = security::HashPassword(testing::kTestPassword, kCheapArgon2).value();
    Result<storage::Account> added = backend_->store().AddAccount(account);
    EXPECT_TRUE(added.ok()) << added.status().ToString();
    return added.ok() ? added->id : 0;
  }

  // A case with one measure, stored directly; returns (case id, measure id).
  std::pair<storage::RowId, storage::RowId> AddCase(const storage::Person& person, const char* kind,
                                                    const char* effective,
                                                    std::optional<int> term = std::nullopt) {
    storage::Case c;
    c.person_id = person.id;
    c.organ_id = province_.id;
    c.decision_number = "纪发〔" + std::string(effective) + "〕" + kind;
    c.decision_date = domain::Date::Parse(effective).value();
    c.form = 2;
    Result<storage::Case> stored = backend_->store().AddCase(c);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    storage::Measure m;
    m.case_id = stored->id;
    m.kind = kind;
    m.effective = c.decision_date;
    m.term_months = term;
    Result<storage::Measure> measure = backend_->store().AddMeasure(m);
    EXPECT_TRUE(measure.ok()) << measure.status().ToString();
    return {stored->id, measure->id};
  }

  storage::RowId AddHold(const storage::Person& person) {
    storage::Hold hold;
    hold.person_id = person.id;
    hold.kind = storage::HoldKind::kClueVerification;
    hold.from = domain::Date::Parse("2026-01-01").value();
    Result<storage::Hold> stored = backend_->store().AddHold(hold);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored->id;
  }

  // A second session of a role's account (for logout, which ends the session it is sent with).
  Session Relogin(Role role) {
    ClientResponse login = Send(
        bhttp::verb::post, "/api/v1/auth/login",
        json{{"username", std::string(app::RoleCode(role))}, {"password", testing::kTestPassword}}
            .dump(),
        nullptr);
    EXPECT_EQ(login.result_int(), 200) << login.body();
    const std::string set_cookie(login[bhttp::field::set_cookie]);
    return {set_cookie.substr(0, set_cookie.find(';')),
            json::parse(login.body()).value("csrf_token", "")};
  }

  std::string Stats(const char* table, bool inside) const {
    return std::string("/api/v1/statistics/") + table +
           "?period=2025&org=" + Id(inside ? city_a_.id : city_b_.id);
  }

  std::string Person(bool inside) const {
    return "/api/v1/persons/" + std::to_string(inside ? person_a_.id : person_b_.id);
  }
  static std::string Id(storage::RowId id) { return std::to_string(id); }

  // The table. Columns: CM V OD UC M L SA SE AU.
  std::vector<Entry> Table() {
    const json person_edit = {
        {"version", 1}, {"id_number", IdNumber(1)}, {"name", "张三"}, {"unit_id", unit_a1_.id}};
    const json warning = json::array({{{"kind", "party.warning"}, {"effective", "2026-01-10"}}});
    auto case_body = [this, warning](bool inside) {
      return json{{"person_id", inside ? person_a_.id : person_b_.id},
                  {"organ_id", city_a_.id},
                  {"decision_number", "甲纪发〔2026〕8号"},
                  {"decision_date", "2026-01-10"},
                  {"discipline", "work"},
                  {"source", "other"},
                  {"measures", warning}}
          .dump();
    };
    return {
        // --- the API's own description ---
        {"GET", "/api/v1/openapi.json", "public", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/openapi.json", ""};
         }},
        // --- authentication and accounts ---
        {"POST", "/api/v1/auth/login", "public", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{
               "/api/v1/auth/login",
               json{{"username", "case_manager"}, {"password", testing::kTestPassword}}.dump()};
         }},
        {"POST", "/api/v1/auth/logout", "YYYYYYYYY", 204, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/auth/logout", ""};
         }},
        {"GET", "/api/v1/auth/me", "YYYYYYYYY", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/auth/me", ""};
         }},
        {"GET", "/api/v1/accounts", "------YY-", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/accounts", ""};
         }},
        {"POST", "/api/v1/accounts", "------Y--", 201, Outside::kNotScoped,
         [](bool) {
           return Probe{
               "/api/v1/accounts",
               json{{"username", "newcomer"}, {"password", testing::kTestPassword}}.dump()};
         }},
        {"POST", "/api/v1/accounts/{id}/disable", "------Y--", 200, Outside::kNotScoped,
         [this](bool) {
           return Probe{"/api/v1/accounts/" + Id(victim_) + "/disable", ""};
         }},
        {"POST", "/api/v1/accounts/{id}/enable", "------Y--", 200, Outside::kNotScoped,
         [this](bool) {
           return Probe{"/api/v1/accounts/" + Id(victim_) + "/enable", ""};
         }},
        {"POST", "/api/v1/accounts/{id}/password", "------Y--", 200, Outside::kNotScoped,
         [this](bool) {
           return Probe{"/api/v1/accounts/" + Id(victim_) + "/password",
                        json{{"password", "Another-Pass-2026"}}.dump()};
         }},
        {"PUT", "/api/v1/accounts/{id}/grants", "-------Y-", 200, Outside::kNotScoped,
         [this](bool) {
           return Probe{"/api/v1/accounts/" + Id(victim_) + "/grants",
                        json{{"roles", {"leader"}}, {"jurisdiction_org", city_a_.id}}.dump()};
         }},
        // --- statistics: an organisation outside the jurisdiction is not found ---
        {"GET", "/api/v1/statistics/forms", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("forms", inside), ""};
         }},
        {"GET", "/api/v1/statistics/by-unit", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("by-unit", inside), ""};
         }},
        {"GET", "/api/v1/statistics/trend", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("trend", inside), ""};
         }},
        {"GET", "/api/v1/statistics/breakdown", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("breakdown", inside) + "&by=source", ""};
         }},
        {"GET", "/api/v1/statistics/indicators", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("indicators", inside), ""};
         }},
        {"GET", "/api/v1/statistics/indicators/by-unit", "Y----Y---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Stats("indicators/by-unit", inside) + "&indicator=overdue_work", ""};
         }},
        // --- the audit log: the security auditor only ---
        {"GET", "/api/v1/audit", "--------Y", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/audit?page_size=5", ""};
         }},
        {"GET", "/api/v1/audit/verify", "--------Y", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/audit/verify", ""};
         }},
        // --- records ---
        {"GET", "/api/v1/organisations", "YYYYYYYY-", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/organisations", ""};
         }},
        // Code lists, not case data: every authenticated account (the security administrator's
        // re-use policy editor and the dictionary screen show measure names).
        {"GET", "/api/v1/catalogue", "YYYYYYYYY", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/catalogue", ""};
         }},
        {"GET", "/api/v1/dictionaries", "YYYYYYYYY", 200, Outside::kNotScoped,
         [](bool) {
           return Probe{"/api/v1/dictionaries", ""};
         }},
        {"GET", "/api/v1/persons", "YYYYYY---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{"/api/v1/persons?unit_id=" + Id(inside ? unit_a1_.id : unit_b1_.id), ""};
         }},
        {"POST", "/api/v1/persons", "Y--------", 201, Outside::kNotFound,
         [this](bool inside) {
           return Probe{"/api/v1/persons", json{{"id_number", IdNumber(inside ? 30 : 31)},
                                                {"name", "新人"},
                                                {"unit_id", inside ? unit_a1_.id : unit_b1_.id}}
                                               .dump()};
         }},
        {"GET", "/api/v1/persons/{id}", "YY-YYY---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Person(inside), ""};
         }},
        {"PUT", "/api/v1/persons/{id}", "Y--------", 200, Outside::kNotFound,
         [this, person_edit](bool inside) {
           return Probe{Person(inside), person_edit.dump()};
         }},
        {"GET", "/api/v1/persons/{id}/status", "YYYYYY---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Person(inside) + "/status?as_of=2026-06-01&action=promote", ""};
         }},
        {"POST", "/api/v1/persons/status:batch", "YYYYYY---", 200, Outside::kItemError,
         [this](bool inside) {
           return Probe{"/api/v1/persons/status:batch",
                        json{{"as_of", "2026-06-01"},
                             {"actions", {"promote"}},
                             {"id_numbers", {inside ? person_a_.id_number : person_b_.id_number}}}
                            .dump()};
         }},
        {"POST", "/api/v1/cases", "Y--------", 201, Outside::kNotFound,
         [case_body](bool inside) {
           return Probe{"/api/v1/cases", case_body(inside)};
         }},
        {"POST", "/api/v1/cases:preview", "Y--------", 200, Outside::kNotFound,
         [case_body](bool inside) {
           return Probe{"/api/v1/cases:preview", case_body(inside)};
         }},
        {"GET", "/api/v1/cases/{id}", "YY-YYY---", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{"/api/v1/cases/" + Id(inside ? add_case_in_ : add_case_out_), ""};
         }},
        {"POST", "/api/v1/cases/{id}/measures", "Y--------", 201, Outside::kNotFound,
         [this](bool inside) {
           return Probe{
               "/api/v1/cases/" + Id(inside ? add_case_in_ : add_case_out_) + "/measures",
               json{
                   {"case_version", 1}, {"kind", "first.admonishment"}, {"effective", "2025-03-01"}}
                   .dump()};
         }},
        {"POST", "/api/v1/measures/{id}/outcome", "Y--------", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{"/api/v1/measures/" + Id(inside ? outcome_in_ : outcome_out_) + "/outcome",
                        json{{"version", 1}, {"kind", "restored"}, {"date", "2025-03-01"}}.dump()};
         }},
        {"POST", "/api/v1/measures/{id}/revoke", "Y--------", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{"/api/v1/measures/" + Id(inside ? revoke_in_ : revoke_out_) + "/revoke",
                        json{{"version", 1}}.dump()};
         }},
        {"POST", "/api/v1/persons/{id}/holds", "Y--------", 201, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Person(inside) + "/holds",
                        json{{"kind", "case_review"}, {"from", "2026-02-01"}}.dump()};
         }},
        {"POST", "/api/v1/persons/{pid}/holds/{hid}/close", "Y--------", 200, Outside::kNotFound,
         [this](bool inside) {
           return Probe{Person(inside) + "/holds/" + Id(inside ? hold_in_ : hold_out_) + "/close",
                        json{{"version", 1}, {"to", "2026-03-01"}}.dump()};
         }},
    };
  }

  std::map<Role, Session> sessions_;
  storage::RowId victim_ = 0;
  storage::RowId add_case_in_ = 0, add_case_out_ = 0;
  storage::RowId revoke_in_ = 0, revoke_out_ = 0;
  storage::RowId outcome_in_ = 0, outcome_out_ = 0;
  storage::RowId hold_in_ = 0, hold_out_ = 0;
};

// The routes of modules that carry their own complete matrix test (route × role × jurisdiction
// on the module's own data), each failing on a route it does not list: aftercare —
// aftercare_api_test.cpp, AftercareApiTest.AuthorisationMatrixCoversEveryRoute; vetting —
// vetting_api_test.cpp (every route × every role); reuse — reuse_api_test.cpp
// (every route × every role × inside/outside); oversight — oversight_api_test.cpp,
// OversightApiTest.AuthorisationMatrixCoversEveryRoute (every route × every role × inside/outside).
// ledger — ledger_api_test.cpp, LedgerApiTest.AuthorisationMatrixCoversEveryRoute.
std::set<std::pair<std::string, std::string>> ModuleMatrixRoutes(Backend& backend) {
  std::set<std::pair<std::string, std::string>> routes;
  Result<std::unique_ptr<AftercareApi>> aftercare = AftercareApi::Create(
      backend, AuthApi(backend, {}), codec::BuiltinCatalogue(), {}, backend.clock());
  EXPECT_TRUE(aftercare.ok()) << aftercare.status().ToString();
  if (!aftercare.ok()) return routes;
  Result<std::unique_ptr<VettingApi>> vetting = VettingApi::Create(
      backend, AuthApi(backend, {}), codec::BuiltinCatalogue(), {}, backend.clock());
  EXPECT_TRUE(vetting.ok()) << vetting.status().ToString();
  if (!vetting.ok()) return routes;
  ReuseApi reuse(backend, AuthApi(backend, {}), codec::BuiltinCatalogue(), {}, backend.clock());
  Result<std::unique_ptr<OversightApi>> oversight =
      OversightApi::Create(backend, AuthApi(backend, {}), backend.clock());
  EXPECT_TRUE(oversight.ok()) << oversight.status().ToString();
  if (!oversight.ok()) return routes;
  http::Router scratch;
  EXPECT_TRUE((*aftercare)->AddRoutes(scratch).ok());
  EXPECT_TRUE((*vetting)->AddRoutes(scratch).ok());
  EXPECT_TRUE(reuse.AddRoutes(scratch).ok());
  EXPECT_TRUE((*oversight)->AddRoutes(scratch).ok());
  LedgerApi ledger(backend, AuthApi(backend, {}), codec::BuiltinCatalogue(), {});
  EXPECT_TRUE(ledger.AddRoutes(scratch).ok());
  for (const http::RouteInfo& route : scratch.Routes()) routes.emplace(route.method, route.pattern);
  return routes;
}

// A concrete target for a pattern: every parameter becomes 1.
std::string Concrete(const std::string& pattern) {
  std::string target;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      target += '1';
      i = pattern.find('}', i);
    } else {
      target += pattern[i];
    }
  }
  return target;
}

TEST_F(AuthorisationMatrixTest, EveryRouteHasAnEntryAndEveryEntryARoute) {
  const std::vector<Entry> table = Table();
  std::set<std::pair<std::string, std::string>> listed;
  for (const Entry& entry : table) {
    EXPECT_TRUE(listed.emplace(entry.method, entry.pattern).second)
        << "listed twice: " << entry.method << " " << entry.pattern;
    EXPECT_TRUE(entry.roles == "public" || entry.roles.size() == app::kRoleCount)
        << entry.method << " " << entry.pattern;
  }
  const std::set<std::pair<std::string, std::string>> modules = ModuleMatrixRoutes(*backend_);
  EXPECT_FALSE(modules.empty());
  std::set<std::pair<std::string, std::string>> routed;
  for (const http::RouteInfo& route : routes_) {
    routed.emplace(route.method, route.pattern);
    if (modules.contains({route.method, route.pattern})) continue;
    EXPECT_TRUE(listed.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern
        << " has no entry in the authorisation table: add one (roles, success, jurisdiction)";
  }
  for (const auto& [method, pattern] : listed) {
    EXPECT_TRUE(routed.contains({method, pattern}))
        << method << " " << pattern << " is in the table but not in the router";
  }
  for (const auto& [method, pattern] : modules) {
    EXPECT_TRUE(routed.contains({method, pattern}))
        << method << " " << pattern << " is a module route missing from the production router";
  }
}

TEST_F(AuthorisationMatrixTest, ModuleRoutesNeedASessionAndTheCsrfTokenInProduction) {
  for (const auto& [method, pattern] : ModuleMatrixRoutes(*backend_)) {
    const std::string target = Concrete(pattern);
    ClientResponse anonymous = Send(VerbOf(method), target, "{}", nullptr);
    EXPECT_EQ(anonymous.result_int(), 401) << method << " " << pattern;
    EXPECT_EQ(Code(anonymous), "session.invalid") << method << " " << pattern;
    if (method != "GET") {
      ClientResponse forged = Send(VerbOf(method), target, "{}", &sessions_.at(Role::kCaseManager),
                                   /*csrf=*/false);
      EXPECT_EQ(forged.result_int(), 403) << method << " " << pattern;
      EXPECT_EQ(Code(forged), "auth.csrf") << method << " " << pattern;
    }
  }
}

TEST_F(AuthorisationMatrixTest, OnlyLoginAndTheProbesArePublic) {
  for (const char* target : {"/healthz", "/readyz", "/metrics"}) {
    EXPECT_EQ(Send(bhttp::verb::get, target, "", nullptr).result_int(), 200) << target;
  }
  for (const Entry& entry : Table()) {
    const Probe probe = entry.probe(true);
    ClientResponse anonymous = Send(VerbOf(entry.method), probe.target, probe.body, nullptr);
    if (entry.roles == "public") {
      EXPECT_EQ(anonymous.result_int(), entry.success) << entry.method << " " << entry.pattern;
      continue;
    }
    EXPECT_EQ(anonymous.result_int(), 401) << entry.method << " " << entry.pattern;
    EXPECT_EQ(Code(anonymous), "session.invalid") << entry.method << " " << entry.pattern;
    if (entry.method != "GET") {
      const Session& session = sessions_.at(Role::kCaseManager);
      ClientResponse forged =
          Send(VerbOf(entry.method), probe.target, probe.body, &session, /*csrf=*/false);
      EXPECT_EQ(forged.result_int(), 403) << entry.method << " " << entry.pattern;
      EXPECT_EQ(Code(forged), "auth.csrf") << entry.method << " " << entry.pattern;
    }
  }
}

TEST_F(AuthorisationMatrixTest, RolesAndJurisdictionsAreEnforced) {
  int checked = 0;
  for (const Entry& entry : Table()) {
    if (entry.roles == "public") continue;
    const std::string route = entry.method + " " + entry.pattern;
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
      const Role role = kRoles[i];
      const bool allowed = entry.roles[i] == 'Y';
      const std::string who = route + " as " + std::string(app::RoleCode(role));
      Session session = entry.pattern == "/api/v1/auth/logout" ? Relogin(role) : sessions_[role];
      const Probe inside = entry.probe(true);
      ClientResponse response = Send(VerbOf(entry.method), inside.target, inside.body, &session);
      ++checked;
      if (!allowed) {
        EXPECT_EQ(response.result_int(), 403) << who << " " << response.body();
        EXPECT_EQ(Code(response), "auth.forbidden") << who;
        continue;
      }
      EXPECT_EQ(response.result_int(), entry.success) << who << " " << response.body();
      if (entry.outside == Outside::kNotScoped) continue;
      const Probe outside = entry.probe(false);
      ClientResponse refused = Send(VerbOf(entry.method), outside.target, outside.body, &session);
      if (entry.outside == Outside::kNotFound) {
        EXPECT_EQ(refused.result_int(), 404) << who << " outside " << refused.body();
      } else {
        ASSERT_EQ(refused.result_int(), 200) << who << " outside " << refused.body();
        EXPECT_EQ(Body(refused)["results"][0]["error"]["code"], "person.not_found") << who;
      }
    }
  }
  const std::vector<Entry> table = Table();
  const auto non_public = std::count_if(table.begin(), table.end(),
                                        [](const Entry& entry) { return entry.roles != "public"; });
  EXPECT_EQ(checked, static_cast<int>(non_public * static_cast<std::ptrdiff_t>(kRoles.size())));
}

}  // namespace
}  // namespace kangfu::api
