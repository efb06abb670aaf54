#include "security/sm3.hpp"

#include <gtest/gtest.h>

namespace kangfu::security {
namespace {

TEST(Sm3Test, MatchesGbT32905Vectors) {
  // GB/T 32905-2016 Appendix A, examples 1 and 2.
  Result<Sm3Digest> abc = Sm3("abc");
  ASSERT_TRUE(abc.ok()) << abc.status().ToString();
  EXPECT_EQ(DigestHex(*abc), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  std::string sixty_four;
  for (int i = 0; i < 16; ++i) sixty_four += "abcd";
  Result<Sm3Digest> long_input = Sm3(sixty_four);
  ASSERT_TRUE(long_input.ok());
  EXPECT_EQ(DigestHex(*long_input),
            "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
}

TEST(Sm3Test, HexRoundTripAndRejects) {
  Result<Sm3Digest> abc = Sm3("abc");
  ASSERT_TRUE(abc.ok());
  std::optional<Sm3Digest> parsed = DigestFromHex(DigestHex(*abc));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, *abc);
  EXPECT_EQ(DigestFromHex("66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0"),
            *abc);
  EXPECT_FALSE(DigestFromHex("").has_value());
  EXPECT_FALSE(DigestFromHex("66c7").has_value());
  EXPECT_FALSE(DigestFromHex("zzc7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
                   .has_value());
}

std::vector<ChainEntry> BuildChain(int count) {
  std::vector<ChainEntry> entries;
  Sm3Digest previous = kChainGenesis;
  for (int seq = 1; seq <= count; ++seq) {
    std::string content = "{\"seq\":" + std::to_string(seq) + ",\"what\":\"login\"}";
    Result<Sm3Digest> next = ChainNext(previous, seq, content);
    EXPECT_TRUE(next.ok());
    entries.push_back({seq, content, DigestHex(*next)});
    previous = *next;
  }
  return entries;
}

TEST(Sm3ChainTest, IntactChainVerifies) {
  Result<ChainReport> report = VerifyChain(BuildChain(5));
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->seq, 5);
  EXPECT_EQ(report->message, "审计日志完整，哈希链校验通过");
}

TEST(Sm3ChainTest, EmptyChainVerifies) {
  Result<ChainReport> report = VerifyChain({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
}

TEST(Sm3ChainTest, ChainNextDependsOnPreviousSeqAndContent) {
  Result<Sm3Digest> base = ChainNext(kChainGenesis, 1, "x");
  Result<Sm3Digest> other_seq = ChainNext(kChainGenesis, 2, "x");
  Result<Sm3Digest> other_content = ChainNext(kChainGenesis, 1, "y");
  Result<Sm3Digest> other_previous = ChainNext(*base, 1, "x");
  ASSERT_TRUE(base.ok() && other_seq.ok() && other_content.ok() && other_previous.ok());
  EXPECT_NE(*base, *other_seq);
  EXPECT_NE(*base, *other_content);
  EXPECT_NE(*base, *other_previous);
}

struct TamperCase {
  std::string name;
  void (*tamper)(std::vector<ChainEntry>&);
  ChainReport::Problem problem;
  std::int64_t seq;
  std::size_t index;
};

class Sm3ChainTamperTest : public ::testing::TestWithParam<TamperCase> {};

TEST_P(Sm3ChainTamperTest, ReportsFirstFault) {
  std::vector<ChainEntry> entries = BuildChain(6);
  GetParam().tamper(entries);
  Result<ChainReport> report = VerifyChain(entries);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->problem, GetParam().problem);
  EXPECT_EQ(report->seq, GetParam().seq);
  EXPECT_EQ(report->index, GetParam().index);
}

INSTANTIATE_TEST_SUITE_P(
    Tampering, Sm3ChainTamperTest,
    ::testing::Values(TamperCase{"ContentAltered", [](auto& e) { e[2].content += " "; },
                                 ChainReport::Problem::kAltered, 3, 2},
                      TamperCase{"StoredHashAltered", [](auto& e) { e[3].stored_hash[0] ^= 1; },
                                 ChainReport::Problem::kAltered, 4, 3},
                      TamperCase{"Renumbered",
                                 [](auto& e) {
                                   e.erase(e.begin() + 1);
                                   for (std::size_t i = 1; i < e.size(); ++i) e[i].seq -= 1;
                                 },
                                 ChainReport::Problem::kAltered, 2, 1},
                      TamperCase{"MiddleRemoved", [](auto& e) { e.erase(e.begin() + 3); },
                                 ChainReport::Problem::kRemoved, 4, 3},
                      TamperCase{"FirstRemoved", [](auto& e) { e.erase(e.begin()); },
                                 ChainReport::Problem::kRemoved, 1, 0},
                      TamperCase{"DuplicateInserted",
                                 [](auto& e) {
                                   ChainEntry forged = e[1];
                                   forged.content = "{\"forged\":true}";
                                   e.insert(e.begin() + 2, forged);
                                 },
                                 ChainReport::Problem::kInserted, 2, 2},
                      TamperCase{
                          "InsertedWithValidHashButRepeatedSeq",
                          [](auto& e) {
                            // A forger who chains the new entry correctly still has to reuse a
                            // number: the original entry 3 then repeats it.
                            Sm3Digest previous = *DigestFromHex(e[1].stored_hash);
                            Result<Sm3Digest> next = ChainNext(previous, 3, "forged");
                            e.insert(e.begin() + 2, ChainEntry{3, "forged", DigestHex(*next)});
                          },
                          ChainReport::Problem::kInserted, 3, 3}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(Sm3ChainTest, CheckpointCatchesTruncatedTail) {
  std::vector<ChainEntry> entries = BuildChain(5);
  ChainCheckpoint checkpoint{5, entries[4].stored_hash};
  entries.pop_back();
  Result<ChainReport> report = VerifyChain(entries, 1, kChainGenesis, checkpoint);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->problem, ChainReport::Problem::kRemoved);
  EXPECT_EQ(report->seq, 5);
  EXPECT_EQ(report->message, "审计日志第 5 条记录已被删除（序号缺失）");
}

TEST(Sm3ChainTest, CheckpointCatchesRecomputedChain) {
  std::vector<ChainEntry> original = BuildChain(3);
  ChainCheckpoint checkpoint{3, original[2].stored_hash};
  // The forger rewrites entry 2 and recomputes every later hash.
  std::vector<ChainEntry> forged = original;
  forged[1].content = "{\"forged\":true}";
  Sm3Digest previous = *DigestFromHex(forged[0].stored_hash);
  for (std::size_t i = 1; i < forged.size(); ++i) {
    previous = *ChainNext(previous, forged[i].seq, forged[i].content);
    forged[i].stored_hash = DigestHex(previous);
  }
  Result<ChainReport> without = VerifyChain(forged);
  ASSERT_TRUE(without.ok());
  EXPECT_TRUE(without->ok());
  Result<ChainReport> with = VerifyChain(forged, 1, kChainGenesis, checkpoint);
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->problem, ChainReport::Problem::kAltered);
  EXPECT_EQ(with->seq, 3);
}

TEST(Sm3ChainTest, VerifiesASegmentFromItsPredecessor) {
  std::vector<ChainEntry> entries = BuildChain(5);
  Sm3Digest previous = *DigestFromHex(entries[1].stored_hash);
  std::vector<ChainEntry> tail(entries.begin() + 2, entries.end());
  Result<ChainReport> report = VerifyChain(tail, 3, previous);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok());
  EXPECT_EQ(report->seq, 5);
}

}  // namespace
}  // namespace kangfu::security
