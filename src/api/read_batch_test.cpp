// Group commit of reads (Backend::SubmitRead): a read's answer is released only after the batch
// that holds its audit entry committed (checked from a second connection to the same SQLite
// file), reads queued behind a running batch share the next one, a failing read rolls back
// alone, and the chain stays intact.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "api/auth_api.hpp"
#include "api/file_backend_test_support.hpp"
#include "app/audit_log.hpp"
#include "app/clock.hpp"
#include "storage/store.hpp"

namespace kangfu::api {
namespace {

using http::Response;

app::AuditEvent Event(const char* action, const std::string& object_id) {
  app::AuditEvent event;
  event.action = action;
  event.object_type = "person";
  event.object_id = object_id;
  return event;
}

// other_ is the observer: a second connection that sees only what was committed.
class ReadBatchTest : public testing::FileBackendTest {
 protected:
  void SetUp() override { OpenBackend("kangfu_read_batch_"); }

  // A read that appends the audit entry of request `id` and answers 200 with `id` as body.
  Backend::Read AuditedRead(const std::string& id) {
    return [this, id]() -> Result<Response> {
      app::Actor actor;
      actor.account_id = 1;
      actor.username = "reader";
      actor.request_id = id;
      KANGFU_RETURN_IF_ERROR(backend_->audit().Record(actor, Event("person.status", id)));
      return Response::Text(200, id);
    };
  }

  // Starts a leader on its own thread whose read (audited as `id`) waits for `release`, and
  // returns once its batch runs: reads submitted until `release` queue for one next batch.
  std::thread StartBlockedLeader(const std::atomic<bool>& release, const std::string& id,
                                 http::Done done) {
    const int64_t before = backend_->read_batch_counts().batches;
    std::thread leader([this, &release, read = AuditedRead(id), done = std::move(done)]() mutable {
      backend_->SubmitRead(
          [&release, read]() -> Result<Response> {
            while (!release.load()) std::this_thread::yield();
            return read();
          },
          std::move(done));
    });
    while (backend_->read_batch_counts().batches == before) std::this_thread::yield();
    return leader;
  }

  // How many committed entries the second connection sees for request object `id`.
  int64_t CommittedFor(const std::string& id) {
    storage::AuditFilter filter;
    filter.object_id = id;
    Result<storage::AuditPage> page = other_->FindAudit(filter);
    return page.ok() ? page->total : -1;
  }
};

TEST_F(ReadBatchTest, ReadsQueuedBehindABatchShareTheNextAndAnswerOnlyAfterItsCommit) {
  constexpr int kFollowers = 6;
  std::atomic<int> submitted{0};
  // What each answer saw when it was released: its own entry committed (1), from outside.
  std::vector<std::promise<std::pair<std::string, int64_t>>> answers(kFollowers + 1);
  auto done_for = [&](int i) {
    return [&, i](Result<Response> result) {
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      answers[static_cast<std::size_t>(i)].set_value({result->body, CommittedFor(result->body)});
    };
  };
  // The first read (its caller leads) waits until every follower queued its read.
  Backend::Read first = AuditedRead("r0");
  std::thread leader([&] {
    backend_->SubmitRead(
        [&]() -> Result<Response> {
          while (submitted.load() < kFollowers) std::this_thread::yield();
          return first();
        },
        done_for(0));
  });
  while (true) {  // wait until the leader runs (its read is out of the queue)
    if (backend_->read_batch_counts().batches == 1) break;
    std::this_thread::yield();
  }
  std::vector<std::thread> followers;
  for (int i = 1; i <= kFollowers; ++i) {
    followers.emplace_back([&, i] {
      backend_->SubmitRead(AuditedRead("r" + std::to_string(i)), done_for(i));
      ++submitted;
    });
  }
  for (std::thread& follower : followers) follower.join();
  leader.join();
  for (int i = 0; i <= kFollowers; ++i) {
    std::pair<std::string, int64_t> seen = answers[static_cast<std::size_t>(i)].get_future().get();
    EXPECT_EQ(seen.first, "r" + std::to_string(i));
    EXPECT_EQ(seen.second, 1) << seen.first;
  }
  const Backend::ReadBatchCounts counts = backend_->read_batch_counts();
  EXPECT_EQ(counts.batches, 2);  // the leader's own, then every follower's together
  EXPECT_EQ(counts.reads, kFollowers + 1);
  // The same counts in the exposition text /metrics shows.
  const std::string metrics = backend_->ReadBatchMetrics();
  EXPECT_NE(metrics.find("# TYPE kangfu_read_batches_total counter\nkangfu_read_batches_total 2\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(
      metrics.find("kangfu_read_batch_requests_total " + std::to_string(kFollowers + 1) + "\n"),
      std::string::npos)
      << metrics;
  Result<app::AuditVerification> verified = app::VerifyAuditLog(*other_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_TRUE(verified->report.ok()) << verified->report.message;
  EXPECT_EQ(verified->entries, kFollowers + 1);
}

TEST_F(ReadBatchTest, AFailingOrThrowingReadRollsBackAloneAndTheOthersCommit) {
  std::vector<std::pair<std::string, Status>> answered;
  auto record = [&](const std::string& name) {
    return [&, name](const Result<Response>& result) {
      answered.emplace_back(name, result.ok() ? Status::Ok() : result.status());
    };
  };
  Backend::Read good = AuditedRead("good");
  Backend::Read failing = [&]() -> Result<Response> {
    KANGFU_RETURN_IF_ERROR(AuditedRead("failing")().status());
    // A write outside a unit that fails dooms the request: its entry goes too.
    return backend_->store().TouchSession("zz", "2026-11-27T08:10:00Z");
  };
  Backend::Read throwing = [&]() -> Result<Response> {
    (void)AuditedRead("throwing")();
    throw std::runtime_error("boom");
  };
  // Queued behind a blocked leader, so that all four run in one batch.
  std::atomic<bool> release{false};
  std::thread leader = StartBlockedLeader(release, "lead", record("lead"));
  backend_->SubmitRead(good, record("good"));
  backend_->SubmitRead(failing, record("failing"));
  backend_->SubmitRead(throwing, record("throwing"));
  release = true;
  leader.join();
  ASSERT_EQ(answered.size(), 4U);
  EXPECT_EQ(answered[0].first, "lead");
  EXPECT_TRUE(answered[0].second.ok());
  EXPECT_EQ(answered[1].first, "good");
  EXPECT_TRUE(answered[1].second.ok());
  EXPECT_EQ(answered[2].first, "failing");
  EXPECT_EQ(answered[2].second.reason(), "session.not_found");
  EXPECT_EQ(answered[3].first, "throwing");
  EXPECT_EQ(answered[3].second.code(), ErrorCode::kInternal);
  EXPECT_EQ(answered[3].second.internal(), "handler threw: boom");
  EXPECT_EQ(CommittedFor("lead"), 1);
  EXPECT_EQ(CommittedFor("good"), 1);
  EXPECT_EQ(CommittedFor("failing"), 0);
  EXPECT_EQ(CommittedFor("throwing"), 0);
  EXPECT_EQ(backend_->read_batch_counts().batches, 2);
  Result<app::AuditVerification> verified = app::VerifyAuditLog(*other_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->report.ok()) << verified->report.message;
  EXPECT_EQ(verified->entries, 2);
}

TEST_F(ReadBatchTest, AWriteBetweenReadsFindsNoBatchOpen) {
  std::promise<Status> first_done;
  backend_->SubmitRead(AuditedRead("before"), [&](const Result<Response>& result) {
    first_done.set_value(result.ok() ? Status::Ok() : result.status());
  });
  ASSERT_TRUE(first_done.get_future().get().ok());
  {
    // A write takes the mutex and its own transaction: no batch may be open then.
    std::lock_guard lock(backend_->mutex());
    Status written = backend_->store().InTransaction([&]() -> Status {
      app::Actor actor;
      actor.username = "writer";
      return backend_->audit().Record(actor, Event("case.create", "w"));
    });
    ASSERT_TRUE(written.ok()) << written.ToString() << " " << written.internal();
  }
  EXPECT_EQ(CommittedFor("w"), 1);
  std::promise<Status> second_done;
  backend_->SubmitRead(AuditedRead("after"), [&](const Result<Response>& result) {
    second_done.set_value(result.ok() ? Status::Ok() : result.status());
  });
  ASSERT_TRUE(second_done.get_future().get().ok());
  EXPECT_EQ(CommittedFor("after"), 1);
  Result<app::AuditVerification> verified = app::VerifyAuditLog(*other_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->report.ok()) << verified->report.message;
  EXPECT_EQ(verified->entries, 3);
}

TEST_F(ReadBatchTest, AQueuedWriteRunsInItsTurnInItsOwnTransaction) {
  // What each answer saw from outside when it was released: committed entries of r1, w, r2.
  std::vector<std::pair<std::string, std::vector<int64_t>>> seen;
  auto record = [&](const std::string& name) {
    return [&, name](const Result<Response>& result) {
      EXPECT_TRUE(result.ok()) << name << ": " << result.status().ToString();
      seen.push_back({name, {CommittedFor("r1"), CommittedFor("w"), CommittedFor("r2")}});
    };
  };
  std::atomic<bool> release{false};
  std::thread leader = StartBlockedLeader(release, "r0", record("r0"));
  backend_->SubmitRead(AuditedRead("r1"), record("r1"));
  backend_->SubmitWrite(
      [&]() -> Result<Response> {
        // No batch is open around a write: its unit of work is a transaction of its own.
        Status opened = backend_->store().BeginBatch();
        if (!opened.ok()) return opened;
        (void)backend_->store().EndBatch(false);
        app::Actor actor;
        actor.username = "writer";
        KANGFU_RETURN_IF_ERROR(backend_->store().InTransaction(
            [&] { return backend_->audit().Record(actor, Event("case.create", "w")); }));
        return Response::Text(201, "w");
      },
      record("w"));
  backend_->SubmitRead(AuditedRead("r2"), record("r2"));
  release = true;
  leader.join();
  const std::vector<std::pair<std::string, std::vector<int64_t>>> expected = {
      {"r0", {0, 0, 0}},
      {"r1", {1, 0, 0}},  // its batch committed before the write ran
      {"w", {1, 1, 0}},
      {"r2", {1, 1, 1}},
  };
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(backend_->read_batch_counts().batches, 2);
  Result<app::AuditVerification> verified = app::VerifyAuditLog(*other_);
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->report.ok()) << verified->report.message;
  EXPECT_EQ(verified->entries, 4);
}

}  // namespace
}  // namespace kangfu::api
