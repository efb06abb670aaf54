// Contract of the request transaction (Store::BeginRequest / EndRequest, RequestTransaction) and
// of the filtered audit list (Store::FindAudit) on every backend.

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage_contract_fixture.hpp"

namespace kangfu::storage {
namespace {

using contract::BackendNames;
using contract::Backends;

struct Entry {
  const char* at;
  const char* actor;
  const char* action;
  const char* object_type;
  const char* object_id;
  bool success;
  bool changes;
};

// Eight entries, seq 1..8 in this order (so position = seq).
constexpr Entry kEntries[] = {
    {"2026-11-01T01:00:00Z", "anguan", "auth.login", "account", "3", true, false},
    {"2026-11-01T02:00:00Z", "anguan", "person.status", "person", "1", true, false},
    {"2026-11-02T03:00:00Z", "liming", "vetting.file", "vetting_request", "7", true, true},
    {"2026-11-02T16:00:00Z", "liming", "vetting.approve", "vetting_request", "7", false, false},
    {"2026-11-03T05:00:00Z", "anguan", "person.status", "person", "2", true, false},
    {"2026-11-03T06:00:00Z", "", "auth.login", "account", "0", false, false},
    {"2026-11-04T07:00:00Z", "anguan", "vettingx.other", "person", "1", true, true},
    {"2026-11-05T08:00:00Z", "auditor", "audit.read", "audit_log", "", true, false},
};

AuditRecord MakeEntry(int64_t seq, const Entry& e) {
  return {.seq = seq,
          .at = e.at,
          .actor_id = 3,
          .actor_username = e.actor,
          .remote_address = "127.0.0.1:5000",
          .request_id = "r" + std::to_string(seq),
          .action = e.action,
          .object_type = e.object_type,
          .object_id = e.object_id,
          .before_json = "",
          .after_json = e.changes ? R"({"x":1})" : "",
          .success = e.success,
          .detail = "d" + std::to_string(seq),
          .hash = std::string(64, 'a')};
}

// A filter with some fields set (gcc's -Wmissing-field-initializers refuses designated
// initialisers that leave members out).
template <typename Set>
AuditFilter Filter(Set set) {
  AuditFilter filter;
  set(filter);
  return filter;
}

template <typename Backend>
class AuditContractTest : public contract::StoreContractTest<Backend> {
 protected:
  void AppendAll() {
    int64_t seq = 0;
    for (const Entry& e : kEntries) {
      Status appended = this->store_->AppendAudit(MakeEntry(++seq, e));
      ASSERT_TRUE(appended.ok()) << appended.ToString() << " " << appended.internal();
    }
  }

  // Appends entry `seq` (the first entry's data) recorded at `at`.
  Status AppendAt(int64_t seq, const char* at) {
    Entry entry = kEntries[0];
    entry.at = at;
    return this->store_->AppendAudit(MakeEntry(seq, entry));
  }

  // The seqs of the page FindAudit returns for `filter`, and its total.
  std::pair<std::vector<int64_t>, int64_t> Seqs(const AuditFilter& filter) {
    Result<AuditPage> page = this->store_->FindAudit(filter);
    EXPECT_TRUE(page.ok()) << page.status().ToString() << " " << page.status().internal();
    if (!page.ok()) return {};
    std::vector<int64_t> seqs;
    for (const AuditListing& listing : page->items) seqs.push_back(listing.record.seq);
    return {seqs, page->total};
  }

  Organisation Org(const char* name) { return this->AddOrg(0, name, OrgLevel::kProvince); }

  int64_t OrgCount() {
    Result<std::vector<Organisation>> all = this->store_->ListSubtree(0);
    return all.ok() ? static_cast<int64_t>(all->size()) : -1;
  }
};

TYPED_TEST_SUITE(AuditContractTest, Backends, BackendNames);

TYPED_TEST(AuditContractTest, FindAuditFiltersEachWayNewestFirst) {
  this->AppendAll();
  using Seqs = std::pair<std::vector<int64_t>, int64_t>;
  struct Row {
    const char* name;
    AuditFilter filter;
    Seqs expected;
  };
  const std::vector<Row> rows = {
      {"all", {}, {{8, 7, 6, 5, 4, 3, 2, 1}, 8}},
      {"actor", Filter([](AuditFilter& f) { f.actor_username = "anguan"; }), {{7, 5, 2, 1}, 4}},
      {"action exact", Filter([](AuditFilter& f) { f.action = "person.status"; }), {{5, 2}, 2}},
      {"action prefix stops at the dot",
       Filter([](AuditFilter& f) { f.action = "vetting."; }),
       {{4, 3}, 2}},
      {"action exact is not a prefix",
       Filter([](AuditFilter& f) { f.action = "vetting"; }),
       {{}, 0}},
      {"object",
       Filter([](AuditFilter& f) {
         f.object_type = "person";
         f.object_id = "1";
       }),
       {{7, 2}, 2}},
      {"object type",
       Filter([](AuditFilter& f) { f.object_type = "vetting_request"; }),
       {{4, 3}, 2}},
      {"from",
       Filter([](AuditFilter& f) { f.at_from = "2026-11-03T05:00:00Z"; }),
       {{8, 7, 6, 5}, 4}},
      {"before",
       Filter([](AuditFilter& f) { f.at_before = "2026-11-02T16:00:00Z"; }),
       {{3, 2, 1}, 3}},
      {"range",
       Filter([](AuditFilter& f) {
         f.at_from = "2026-11-01T16:00:00Z";
         f.at_before = "2026-11-02T16:00:00Z";
       }),
       {{3}, 1}},
      {"failures", Filter([](AuditFilter& f) { f.success = false; }), {{6, 4}, 2}},
      {"successes of anguan",
       Filter([](AuditFilter& f) {
         f.actor_username = "anguan";
         f.success = true;
       }),
       {{7, 5, 2, 1}, 4}},
      {"combined",
       Filter([](AuditFilter& f) {
         f.actor_username = "liming";
         f.action = "vetting.";
         f.success = true;
       }),
       {{3}, 1}},
      {"page 2 of 3",
       Filter([](AuditFilter& f) {
         f.offset = 3;
         f.limit = 3;
       }),
       {{5, 4, 3}, 8}},
      {"last partial page",
       Filter([](AuditFilter& f) {
         f.offset = 6;
         f.limit = 3;
       }),
       {{2, 1}, 8}},
      {"past the end",
       Filter([](AuditFilter& f) {
         f.offset = 8;
         f.limit = 3;
       }),
       {{}, 8}},
      {"nothing matches", Filter([](AuditFilter& f) { f.actor_username = "nobody"; }), {{}, 0}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    EXPECT_EQ(this->Seqs(row.filter), row.expected);
  }
}

TYPED_TEST(AuditContractTest, TheTimeFilterStaysExactWhenAnEntryIsEarlierThanTheOneBefore) {
  this->AppendAll();
  // Seq 9 was written with a clock behind the others' (a caller of AppendAudit may do that;
  // AuditLog::Record does not): the entries up to it are no longer in time order.
  ASSERT_TRUE(this->AppendAt(9, "2026-11-02T00:00:00Z").ok());
  ASSERT_TRUE(this->store_->BeginBatch().ok());  // staged appends note it the same way
  ASSERT_TRUE(this->AppendAt(10, "2026-11-06T00:00:00Z").ok());
  ASSERT_TRUE(this->AppendAt(11, "2026-11-01T12:00:00Z").ok());
  ASSERT_TRUE(this->store_->EndBatch(true).ok());
  using Seqs = std::pair<std::vector<int64_t>, int64_t>;
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_from = "2026-11-03T05:00:00Z"; })),
            (Seqs{{10, 8, 7, 6, 5}, 5}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_before = "2026-11-02T16:00:00Z"; })),
            (Seqs{{11, 9, 3, 2, 1}, 5}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) {
    f.at_from = "2026-11-01T16:00:00Z";
    f.at_before = "2026-11-02T16:00:00Z";
  })),
            (Seqs{{9, 3}, 2}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_from = "2026-11-06T00:00:00Z"; })),
            (Seqs{{10}, 1}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_before = "2026-11-01T00:00:00Z"; })),
            (Seqs{{}, 0}));
}

// Only a database that outlives its store can be reopened at an older version.
template <typename Backend>
class AuditUpgradeTest : public AuditContractTest<Backend> {};
using PersistentBackends = ::testing::Types<contract::SqliteFile, contract::Postgres>;
TYPED_TEST_SUITE(AuditUpgradeTest, PersistentBackends, BackendNames);

// A log of version 13 (an index on `at`) that a clock set back left out of time order: the
// upgrade finds where the order starts, so the time filter stays exact without the index.
TYPED_TEST(AuditUpgradeTest, UpgradeFromVersion13FindsWhereTheTimeOrderStarts) {
  this->AppendAll();
  ASSERT_TRUE(this->AppendAt(9, "2026-11-02T00:00:00Z").ok());  // before seq 3's time
  ASSERT_TRUE(this->AppendAt(10, "2026-11-06T00:00:00Z").ok());
  const std::string url = this->url_;
  this->store_.reset();
  {
    Result<std::unique_ptr<SqlConnection>> db = OpenSqlConnection(url);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE((*db)->Exec("DROP TABLE audit_time_order").ok());
    ASSERT_TRUE((*db)->Exec("CREATE INDEX audit_log_at ON audit_log (at)").ok());
    ASSERT_TRUE((*db)->Exec("DELETE FROM kangfu_schema_version WHERE version >= 14").ok());
    ASSERT_EQ(*ReadSchemaVersion(**db), 13);
  }
  Result<std::unique_ptr<Store>> reopened = OpenStore(url);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString() << " " << reopened.status().internal();
  this->store_ = std::move(reopened).value();
  ASSERT_EQ(*this->store_->SchemaVersion(), 14);
  using Seqs = std::pair<std::vector<int64_t>, int64_t>;
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_before = "2026-11-02T16:00:00Z"; })),
            (Seqs{{9, 3, 2, 1}, 4}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) {
    f.at_from = "2026-11-01T16:00:00Z";
    f.at_before = "2026-11-02T16:00:00Z";
  })),
            (Seqs{{9, 3}, 2}));
  EXPECT_EQ(this->Seqs(Filter([](AuditFilter& f) { f.at_from = "2026-11-05T00:00:00Z"; })),
            (Seqs{{10, 8}, 2}));
}

TYPED_TEST(AuditContractTest, FindAuditLeavesOutRowImages) {
  this->AppendAll();
  Result<AuditPage> page =
      this->store_->FindAudit(Filter([](AuditFilter& f) { f.object_type = "vetting_request"; }));
  ASSERT_TRUE(page.ok()) << page.status().internal();
  ASSERT_EQ(page->items.size(), 2U);
  AuditRecord expected = MakeEntry(4, kEntries[3]);
  expected.position = 4;
  EXPECT_EQ(page->items[0], (AuditListing{expected, false}));
  expected = MakeEntry(3, kEntries[2]);
  expected.position = 3;
  expected.after_json.clear();
  EXPECT_EQ(page->items[1], (AuditListing{expected, true}));
}

TYPED_TEST(AuditContractTest, FindAuditRefusesBadPaging) {
  for (const AuditFilter& filter :
       {Filter([](AuditFilter& f) { f.offset = -1; }), Filter([](AuditFilter& f) { f.limit = 0; }),
        Filter([](AuditFilter& f) { f.limit = 1001; })}) {
    Result<AuditPage> page = this->store_->FindAudit(filter);
    ASSERT_FALSE(page.ok());
    EXPECT_EQ(page.status().code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(page.status().reason(), "audit.query");
  }
}

TYPED_TEST(AuditContractTest, RequestTransactionCommitsReadsAndUnits) {
  {
    RequestTransaction request(*this->store_);
    ASSERT_TRUE(request.begun().ok()) << request.begun().internal();
    EXPECT_EQ(this->OrgCount(), 0);
    Status unit = this->store_->InTransaction([&]() -> Status {
      this->Org("甲省");
      return this->store_->AppendAudit(MakeEntry(1, kEntries[0]));
    });
    ASSERT_TRUE(unit.ok()) << unit.internal();
    EXPECT_EQ(this->OrgCount(), 1);  // the request sees its own unit
    Status committed = request.Commit();
    ASSERT_TRUE(committed.ok()) << committed.internal();
  }
  EXPECT_EQ(this->OrgCount(), 1);
  EXPECT_EQ(this->Seqs({}), (std::pair<std::vector<int64_t>, int64_t>{{1}, 1}));
}

TYPED_TEST(AuditContractTest, AFailingUnitRollsBackAloneInsideTheRequest) {
  RequestTransaction request(*this->store_);
  ASSERT_TRUE(request.begun().ok());
  Status failed = this->store_->InTransaction([&]() -> Status {
    this->Org("甲省");
    return Status::Invalid("x", "test.fail", "失败");
  });
  EXPECT_EQ(failed.reason(), "test.fail");
  // A failure that the unit ignored still fails it (the store's own failure, first).
  Status doomed = this->store_->InTransaction([&]() -> Status {
    this->Org("乙省");
    (void)this->store_->AddOrganisation({.parent_id = 0, .name = "", .level = OrgLevel::kUnit});
    return Status::Ok();
  });
  EXPECT_EQ(doomed.reason(), "organisation.name_empty");
  EXPECT_EQ(this->OrgCount(), 0);
  // The request transaction is still usable.
  Status ok = this->store_->InTransaction([&]() -> Status {
    this->Org("丙省");
    return Status::Ok();
  });
  ASSERT_TRUE(ok.ok()) << ok.internal();
  ASSERT_TRUE(request.Commit().ok());
  Result<std::vector<Organisation>> all = this->store_->ListSubtree(0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1U);
  EXPECT_EQ((*all)[0].name, "丙省");
}

TYPED_TEST(AuditContractTest, AFailingWriteOutsideUnitsDoomsTheRequest) {
  RequestTransaction request(*this->store_);
  ASSERT_TRUE(request.begun().ok());
  // AppendAudit is a unit of its own: its failure leaves the request usable.
  ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(1, kEntries[0])).ok());
  EXPECT_EQ(this->store_->AppendAudit(MakeEntry(1, kEntries[1])).reason(), "audit.seq_taken");
  // A single-statement write outside any unit that fails dooms the request: later writes do
  // nothing, and the commit rolls back and reports the first failure.
  EXPECT_EQ(this->store_->TouchSession("zz", "2026-11-27T08:10:00Z").reason(), "session.not_found");
  EXPECT_EQ(this->store_->AppendAudit(MakeEntry(2, kEntries[1])).reason(), "session.not_found");
  EXPECT_EQ(this->store_->RemoveSession("zz").reason(), "transaction.aborted");
  Status committed = request.Commit();
  EXPECT_EQ(committed.reason(), "session.not_found");
  EXPECT_EQ(this->Seqs({}).second, 0);
  // The store is usable again afterwards.
  ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(1, kEntries[0])).ok());
  EXPECT_EQ(this->Seqs({}).second, 1);
}

// LastAudit and AppendAudit inside one batch: the newest entry seen or appended by an earlier
// request is what the next one sees (with its position), and a rolled-back request or unit takes
// its entry with it, so the next append takes its seq again.
TYPED_TEST(AuditContractTest, TheNewestEntryFollowsAppendsAndRollbacksInsideABatch) {
  auto last = [&]() -> std::optional<AuditRecord> {
    Result<std::optional<AuditRecord>> found = this->store_->LastAudit();
    EXPECT_TRUE(found.ok()) << found.status().internal();
    return found.ok() ? *found : std::nullopt;
  };
  auto append = [&](int64_t seq) {
    return this->store_->InTransaction([&]() -> Status {
      Result<std::optional<AuditRecord>> newest = this->store_->LastAudit();
      if (!newest.ok()) return newest.status();
      EXPECT_EQ(newest->has_value() ? (*newest)->seq : 0, seq - 1);
      return this->store_->AppendAudit(MakeEntry(seq, kEntries[seq - 1]));
    });
  };
  ASSERT_TRUE(this->store_->BeginBatch().ok());
  ASSERT_TRUE(this->store_->BeginRequest().ok());
  ASSERT_TRUE(append(1).ok());
  ASSERT_TRUE(this->store_->EndRequest(true).ok());
  // Rolled back with its request.
  ASSERT_TRUE(this->store_->BeginRequest().ok());
  ASSERT_TRUE(append(2).ok());
  EXPECT_EQ(last()->seq, 2);
  ASSERT_TRUE(this->store_->EndRequest(false).ok());
  // Rolled back with its unit.
  ASSERT_TRUE(this->store_->BeginRequest().ok());
  Status failed = this->store_->InTransaction([&]() -> Status {
    KANGFU_RETURN_IF_ERROR(append(2));
    return Status::Invalid("x", "test.fail", "失败");
  });
  EXPECT_EQ(failed.reason(), "test.fail");
  EXPECT_EQ(last()->seq, 1);
  EXPECT_EQ(this->store_->AppendAudit(MakeEntry(1, kEntries[1])).reason(), "audit.seq_taken");
  ASSERT_TRUE(append(2).ok());
  ASSERT_TRUE(this->store_->EndRequest(true).ok());
  ASSERT_TRUE(this->store_->BeginRequest().ok());
  ASSERT_TRUE(append(3).ok());
  const std::optional<AuditRecord> newest_in_batch = last();
  ASSERT_TRUE(this->store_->EndRequest(true).ok());
  ASSERT_TRUE(this->store_->EndBatch(true).ok());

  Result<std::vector<AuditRecord>> all = this->store_->ListAudit(0, 100);
  ASSERT_TRUE(all.ok()) << all.status().internal();
  ASSERT_EQ(all->size(), 3U);
  for (std::size_t i = 0; i < all->size(); ++i) {
    AuditRecord expected = MakeEntry(static_cast<int64_t>(i) + 1, kEntries[i]);
    expected.position = (*all)[i].position;  // PostgreSQL's ids skip the rolled-back rows'
    EXPECT_EQ((*all)[i], expected);
  }
  EXPECT_EQ(newest_in_batch, all->back());
  EXPECT_EQ(last(), all->back());
}

TYPED_TEST(AuditContractTest, AnUncommittedRequestRollsBack) {
  {
    RequestTransaction request(*this->store_);
    ASSERT_TRUE(request.begun().ok());
    ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(1, kEntries[0])).ok());
  }
  EXPECT_EQ(this->Seqs({}).second, 0);
}

TYPED_TEST(AuditContractTest, RequestTransactionsDoNotNest) {
  RequestTransaction request(*this->store_);
  ASSERT_TRUE(request.begun().ok());
  EXPECT_EQ(this->store_->BeginRequest().reason(), "transaction.open");
  Status inside =
      this->store_->InTransaction([&]() -> Status { return this->store_->BeginRequest(); });
  EXPECT_EQ(inside.reason(), "transaction.open");
  ASSERT_TRUE(request.Commit().ok());
  EXPECT_EQ(this->store_->EndRequest(true).reason(), "transaction.none");
  Status in_unit =
      this->store_->InTransaction([&]() -> Status { return this->store_->BeginRequest(); });
  EXPECT_EQ(in_unit.reason(), "transaction.open");
}

TYPED_TEST(AuditContractTest, ABatchKeepsEachRequestAloneAndCommitsThemTogether) {
  ASSERT_TRUE(this->store_->BeginBatch().ok());
  {
    RequestTransaction first(*this->store_);
    ASSERT_TRUE(first.begun().ok()) << first.begun().internal();
    ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(1, kEntries[0])).ok());
    ASSERT_TRUE(first.Commit().ok());
  }
  {
    // A request doomed by a failing write outside a unit rolls back alone.
    RequestTransaction doomed(*this->store_);
    ASSERT_TRUE(doomed.begun().ok());
    ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(2, kEntries[1])).ok());
    EXPECT_EQ(this->store_->TouchSession("zz", "2026-11-27T08:10:00Z").reason(),
              "session.not_found");
    EXPECT_EQ(doomed.Commit().reason(), "session.not_found");
  }
  {
    // One left uncommitted rolls back alone too.
    RequestTransaction abandoned(*this->store_);
    ASSERT_TRUE(abandoned.begun().ok());
    ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(2, kEntries[1])).ok());
  }
  {
    RequestTransaction third(*this->store_);
    ASSERT_TRUE(third.begun().ok());
    // The batch's entries are written at its commit: the log shows none of them yet, while the
    // newest entry (what the next append chains to) is the first request's.
    EXPECT_EQ(this->Seqs({}).second, 0);
    Result<std::optional<AuditRecord>> newest = this->store_->LastAudit();
    ASSERT_TRUE(newest.ok() && newest->has_value());
    EXPECT_EQ((*newest)->seq, 1);
    Status unit = this->store_->InTransaction([&]() -> Status {
      this->Org("甲省");
      return this->store_->AppendAudit(MakeEntry(2, kEntries[2]));
    });
    ASSERT_TRUE(unit.ok()) << unit.internal();
    ASSERT_TRUE(third.Commit().ok());
  }
  Status committed = this->store_->EndBatch(true);
  ASSERT_TRUE(committed.ok()) << committed.internal();
  EXPECT_EQ(this->Seqs({}), (std::pair<std::vector<int64_t>, int64_t>{{2, 1}, 2}));
  EXPECT_EQ(this->OrgCount(), 1);
}

TYPED_TEST(AuditContractTest, ABatchEndedWithoutCommitRollsBackEveryRequest) {
  ASSERT_TRUE(this->store_->BeginBatch().ok());
  for (int64_t seq : {1, 2}) {
    RequestTransaction request(*this->store_);
    ASSERT_TRUE(request.begun().ok());
    ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(seq, kEntries[0])).ok());
    ASSERT_TRUE(request.Commit().ok());
  }
  EXPECT_TRUE(this->store_->EndBatch(false).ok());
  EXPECT_EQ(this->Seqs({}).second, 0);
  // The store is usable again afterwards.
  ASSERT_TRUE(this->store_->AppendAudit(MakeEntry(1, kEntries[0])).ok());
  EXPECT_EQ(this->Seqs({}).second, 1);
}

TYPED_TEST(AuditContractTest, BatchesDoNotNestOrEndEarly) {
  EXPECT_EQ(this->store_->EndBatch(true).reason(), "transaction.none");
  ASSERT_TRUE(this->store_->BeginBatch().ok());
  EXPECT_EQ(this->store_->BeginBatch().reason(), "transaction.open");
  {
    RequestTransaction request(*this->store_);
    ASSERT_TRUE(request.begun().ok());
    EXPECT_EQ(this->store_->BeginBatch().reason(), "transaction.open");
    EXPECT_EQ(this->store_->BeginRequest().reason(), "transaction.open");
    EXPECT_EQ(this->store_->EndBatch(true).reason(), "transaction.none");  // request still open
    ASSERT_TRUE(request.Commit().ok());
  }
  ASSERT_TRUE(this->store_->EndBatch(true).ok());
  EXPECT_EQ(this->store_->EndBatch(true).reason(), "transaction.none");
  {
    RequestTransaction request(*this->store_);
    ASSERT_TRUE(request.begun().ok());
    EXPECT_EQ(this->store_->BeginBatch().reason(), "transaction.open");
    ASSERT_TRUE(request.Commit().ok());
  }
  Status in_unit =
      this->store_->InTransaction([&]() -> Status { return this->store_->BeginBatch(); });
  EXPECT_EQ(in_unit.reason(), "transaction.open");
}

}  // namespace
}  // namespace kangfu::storage
