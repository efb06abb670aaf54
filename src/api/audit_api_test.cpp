// The auditor's audit-log routes over loopback (api/audit_api.hpp): listing newest first with
// paging and filters, the log's own record of each read, the chain verification, and the
// rejected query parameters. Who may call them: api_authz_test's matrix.

#include "api/audit_api.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "api/api_test_support.hpp"

namespace kangfu::api {
namespace {

using nlohmann::json;
using testing::ApiWorld;
using testing::ClientResponse;
using testing::Session;
namespace bhttp = testing::bhttp;

constexpr int64_t kNow = 1'795'766'400;  // 2026-11-27T08:00:00Z

class AuditApiTest : public ApiWorld {
 protected:
  void SetUp() override {
    ApiWorld::SetUp();
    if (HasFatalFailure()) return;
    // seq 1: Beijing 2026-11-25 23:59:59; seq 2: Beijing 2026-11-26 00:00:00 (with a row image);
    // seq 3: 2026-11-26 18:00 Beijing, refused; seq 4: the auditor's login.
    Record(1'795'622'399, "anguan", "person.read", "person", "7", true, "");
    Record(1'795'622'400, "anguan", "vetting.file", "vetting_request", "3", true, R"({"id":3})");
    Record(1'795'687'200, "zuzhibu", "vetting.read", "vetting_request", "3", false, "");
    now_seconds_ = kNow;
    auditor_ = LoginAs("shenji", {app::Role::kAuditor}, 0);
  }

  void Record(int64_t at, const char* username, const char* action, const char* type,
              const char* id, bool success, const char* after) {
    now_seconds_ = at;
    app::Actor actor;
    actor.account_id = 90;
    actor.username = username;
    Status recorded = backend_->audit().Record(actor, {.action = action,
                                                       .object_type = type,
                                                       .object_id = id,
                                                       .before_json = "",
                                                       .after_json = after,
                                                       .success = success,
                                                       .detail = success ? "" : "denied"});
    ASSERT_TRUE(recorded.ok()) << recorded.ToString();
  }

  ClientResponse Get(const std::string& target) {
    return Send(bhttp::verb::get, target, "", &auditor_);
  }

  static std::vector<int64_t> Seqs(const ClientResponse& response) {
    std::vector<int64_t> seqs;
    const json body = Body(response);
    for (const json& item : body["items"]) seqs.push_back(item["seq"].get<int64_t>());
    return seqs;
  }

  storage::AuditRecord LastEntry() {
    Result<std::optional<storage::AuditRecord>> last = backend_->store().LastAudit();
    EXPECT_TRUE(last.ok() && last->has_value());
    return last.ok() && last->has_value() ? **last : storage::AuditRecord{};
  }

  Session auditor_;
};

TEST_F(AuditApiTest, ListsNewestFirstPageByPageAndRecordsEachRead) {
  ClientResponse first = Get("/api/v1/audit?page_size=2");
  ASSERT_EQ(first.result_int(), 200) << first.body();
  EXPECT_EQ(Seqs(first), (std::vector<int64_t>{4, 3}));
  EXPECT_EQ(Body(first)["total"], 4);
  EXPECT_EQ(Body(first)["page"], 1);
  EXPECT_EQ(Body(first)["page_size"], 2);
  // The first read is now entry 5, so page 2 starts one entry further back.
  ClientResponse second = Get("/api/v1/audit?page=2&page_size=2");
  ASSERT_EQ(second.result_int(), 200) << second.body();
  EXPECT_EQ(Seqs(second), (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(Body(second)["total"], 5);
  ClientResponse past_end = Get("/api/v1/audit?page=9&page_size=2");
  EXPECT_EQ(Seqs(past_end), std::vector<int64_t>{});
  EXPECT_EQ(Body(past_end)["total"], 6);

  const storage::AuditRecord last = LastEntry();
  EXPECT_EQ(last.seq, 7);
  EXPECT_EQ(last.action, "audit.read");
  EXPECT_EQ(last.object_type, "audit_log");
  EXPECT_EQ(last.actor_username, "shenji");
  EXPECT_EQ(last.detail, "page=9 page_size=2 total=6");
}

TEST_F(AuditApiTest, AnEntryShowsWhoDidWhatButNotTheRowImages) {
  ClientResponse response = Get("/api/v1/audit?action=vetting.file");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  const json expected = {{"seq", 2},
                         {"at", "2026-11-25T16:00:00Z"},
                         {"actor_id", 90},
                         {"actor_username", "anguan"},
                         {"remote_address", ""},
                         {"request_id", ""},
                         {"action", "vetting.file"},
                         {"object_type", "vetting_request"},
                         {"object_id", "3"},
                         {"success", true},
                         {"detail", ""},
                         {"has_changes", true}};
  EXPECT_EQ(Body(response)["items"], json::array({expected}));
}

TEST_F(AuditApiTest, FiltersCombine) {
  struct Case {
    std::string query;
    std::vector<int64_t> seqs;
  };
  const std::vector<Case> cases = {
      {"actor=anguan", {2, 1}},
      {"actor=angua", {}},
      {"action=vetting.", {3, 2}},
      {"action=vetting", {}},
      {"action=person.read", {1}},
      {"object_type=vetting_request&object_id=3", {3, 2}},
      {"object_type=vetting_request&object_id=4", {}},
      {"success=false", {3}},
      // Days are Beijing days: 2026-11-25T16:00:00Z is already 2026-11-26.
      {"actor=anguan&from=2026-11-26", {2}},
      {"actor=anguan&to=2026-11-25", {1}},
      {"action=vetting.&from=2026-11-26&to=2026-11-26", {3, 2}},
      {"action=auth.login&from=2026-11-27&to=2026-11-27", {4}},
      {"action=auth.login&from=2026-11-28", {}},
  };
  for (const Case& c : cases) {
    ClientResponse response = Get("/api/v1/audit?" + c.query);
    ASSERT_EQ(response.result_int(), 200) << c.query << " " << response.body();
    EXPECT_EQ(Seqs(response), c.seqs) << c.query;
    EXPECT_EQ(Body(response)["total"], c.seqs.size()) << c.query;
  }
  EXPECT_EQ(LastEntry().detail, "page=1 page_size=20 action=auth.login from=2026-11-28 total=0");
}

TEST_F(AuditApiTest, RejectsBadParametersOnTheirField) {
  struct Case {
    std::string query;
    std::string code;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"page=0", "page.number", "page"},
      {"page=1001", "page.number", "page"},
      {"page=x", "page.number", "page"},
      {"page_size=0", "page.size", "page_size"},
      {"page_size=101", "page.size", "page_size"},
      {"from=2026-13-01", "date.invalid", "from"},
      {"to=20261101", "date.malformed", "to"},
      {"from=2026-11-02&to=2026-11-01", "audit.range", "to"},
      {"success=yes", "audit.success", "success"},
  };
  for (const Case& c : cases) {
    ClientResponse response = Get("/api/v1/audit?" + c.query);
    EXPECT_EQ(response.result_int(), 400) << c.query << " " << response.body();
    EXPECT_EQ(Code(response), c.code) << c.query;
    EXPECT_EQ(Fields(response), std::vector<std::string>{c.field}) << c.query;
  }
  for (const char* checkpoint : {"x", "0:00", "4", "4:abc", "-1:"}) {
    ClientResponse response = Get(std::string("/api/v1/audit/verify?checkpoint=") + checkpoint);
    EXPECT_EQ(response.result_int(), 400) << checkpoint;
    EXPECT_EQ(Code(response), "audit.checkpoint_invalid") << checkpoint;
    EXPECT_EQ(Fields(response), std::vector<std::string>{"checkpoint"}) << checkpoint;
  }
}

TEST_F(AuditApiTest, VerifiesTheChainAndRecordsTheCheck) {
  ClientResponse response = Get("/api/v1/audit/verify");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  json body = Body(response);
  EXPECT_EQ(body["ok"], true);
  EXPECT_EQ(body["problem"], "none");
  EXPECT_EQ(body["message"], "审计日志完整，哈希链校验通过");
  EXPECT_EQ(body["entries"], 4);
  EXPECT_EQ(body["checkpoint"]["seq"], 4);
  EXPECT_EQ(body["recorded"], true);
  const storage::AuditRecord last = LastEntry();
  EXPECT_EQ(last.action, "audit.verify");
  EXPECT_TRUE(last.success);
  EXPECT_EQ(last.detail, "审计日志完整，哈希链校验通过");

  // The checkpoint given last time still holds; a different hash at its seq does not.
  const std::string checkpoint = std::to_string(body["checkpoint"]["seq"].get<int64_t>()) + ":" +
                                 body["checkpoint"]["hash"].get<std::string>();
  EXPECT_EQ(Body(Get("/api/v1/audit/verify?checkpoint=" + checkpoint))["ok"], true);
  json forged = Body(Get("/api/v1/audit/verify?checkpoint=4:" + std::string(64, '0')));
  EXPECT_EQ(forged["ok"], false);
  EXPECT_EQ(forged["problem"], "altered");
  EXPECT_EQ(forged["seq"], 4);
}

TEST_F(AuditApiTest, ABrokenChainIsReportedEvenThoughTheCheckCannotBeRecorded) {
  storage::AuditRecord slipped = LastEntry();
  slipped.seq += 1;
  slipped.hash = "not-a-hash";
  ASSERT_TRUE(backend_->store().AppendAudit(slipped).ok());
  ClientResponse response = Get("/api/v1/audit/verify");
  ASSERT_EQ(response.result_int(), 200) << response.body();
  json body = Body(response);
  EXPECT_EQ(body["ok"], false);
  EXPECT_EQ(body["problem"], "altered");
  EXPECT_EQ(body["seq"], 5);
  EXPECT_EQ(body["message"], "审计日志第 5 条记录已被篡改（内容或校验值与哈希链不符）");
  EXPECT_EQ(body["recorded"], false);
  // Listing needs its own read recorded: refused while the chain's end is damaged.
  ClientResponse list = Get("/api/v1/audit");
  EXPECT_EQ(list.result_int(), 500);
  EXPECT_EQ(Code(list), "audit.chain_broken");
}

TEST(AuditQueryTest, ActionPrefixNeedsTheTrailingDot) {
  Result<AuditQuery> query = ParseAuditQuery({{"action", "auth."}});
  ASSERT_TRUE(query.ok());
  storage::AuditRecord record;
  record.action = "auth.login";
  EXPECT_TRUE(AuditMatches(*query, record));
  record.action = "authx.login";
  EXPECT_FALSE(AuditMatches(*query, record));
}

}  // namespace
}  // namespace kangfu::api
