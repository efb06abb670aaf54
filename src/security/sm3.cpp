#include "security/sm3.hpp"

#include <openssl/evp.h>

#include <memory>

#include "core/text.hpp"
#include "security/random.hpp"

namespace kangfu::security {

namespace {

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
struct MdDeleter {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};

// Fetched once; EVP_MD objects are immutable and safe to share between threads.
const EVP_MD* Sm3Algorithm() {
  static const std::unique_ptr<EVP_MD, MdDeleter> kMd(EVP_MD_fetch(nullptr, "SM3", nullptr));
  return kMd.get();
}

Result<Sm3Digest> Digest(std::initializer_list<std::string_view> parts) {
  const EVP_MD* md = Sm3Algorithm();
  if (md == nullptr) return Status::Internal("OpenSSL has no SM3 digest (EVP_MD_fetch failed)");
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) {
    return Status::Internal("EVP_DigestInit_ex(SM3) failed");
  }
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1) {
      return Status::Internal("EVP_DigestUpdate(SM3) failed");
    }
  }
  Sm3Digest digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1 || length != digest.size()) {
    return Status::Internal("EVP_DigestFinal_ex(SM3) failed");
  }
  return digest;
}

std::string_view AsBytes(const Sm3Digest& digest) {
  return {reinterpret_cast<const char*>(digest.data()), digest.size()};
}

}  // namespace

Result<Sm3Digest> Sm3(std::string_view data) { return Digest({data}); }

std::string DigestHex(const Sm3Digest& digest) { return ToHex(AsBytes(digest)); }

std::optional<Sm3Digest> DigestFromHex(std::string_view hex) {
  Sm3Digest digest{};
  if (hex.size() != digest.size() * 2) return std::nullopt;
  for (std::size_t i = 0; i < digest.size(); ++i) {
    int high = HexValue(hex[2 * i]);
    int low = HexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    digest[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return digest;
}

Result<Sm3Digest> ChainNext(const Sm3Digest& previous, std::int64_t seq, std::string_view content) {
  std::array<char, 8> seq_bytes{};
  auto value = static_cast<std::uint64_t>(seq);
  for (int i = 7; i >= 0; --i) {
    seq_bytes[static_cast<std::size_t>(i)] = static_cast<char>(value & 0xFFU);
    value >>= 8;
  }
  return Digest({AsBytes(previous), std::string_view(seq_bytes.data(), seq_bytes.size()), content});
}

Result<ChainReport> VerifyChain(const std::vector<ChainEntry>& entries, std::int64_t first_seq,
                                const Sm3Digest& previous,
                                const std::optional<ChainCheckpoint>& checkpoint) {
  using Problem = ChainReport::Problem;
  auto report = [](Problem problem, std::int64_t seq, std::size_t index) {
    ChainReport out;
    out.problem = problem;
    out.seq = seq;
    out.index = index;
    std::string number = std::to_string(seq);
    switch (problem) {
      case Problem::kAltered:
        out.message = "审计日志第 " + number + " 条记录已被篡改（内容或校验值与哈希链不符）";
        break;
      case Problem::kInserted:
        out.message = "审计日志在第 " + number + " 条处被插入了记录（序号重复或倒序）";
        break;
      case Problem::kRemoved:
        out.message = "审计日志第 " + number + " 条记录已被删除（序号缺失）";
        break;
      case Problem::kNone:
        out.message = "审计日志完整，哈希链校验通过";
        break;
    }
    return out;
  };
  Sm3Digest chained = previous;
  std::int64_t expected = first_seq;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ChainEntry& entry = entries[i];
    if (entry.seq > expected) return report(Problem::kRemoved, expected, i);
    if (entry.seq < expected) return report(Problem::kInserted, entry.seq, i);
    Result<Sm3Digest> computed = ChainNext(chained, entry.seq, entry.content);
    if (!computed.ok()) return std::move(computed).TakeStatus();
    std::optional<Sm3Digest> stored = DigestFromHex(entry.stored_hash);
    if (!stored || *stored != *computed) return report(Problem::kAltered, entry.seq, i);
    if (checkpoint && checkpoint->seq == entry.seq) {
      std::optional<Sm3Digest> anchored = DigestFromHex(checkpoint->hash);
      if (!anchored || *anchored != *stored) return report(Problem::kAltered, entry.seq, i);
    }
    chained = *computed;
    ++expected;
  }
  if (checkpoint && checkpoint->seq >= expected) {
    return report(Problem::kRemoved, expected, entries.size());
  }
  return report(Problem::kNone, expected - 1, entries.size());
}

}  // namespace kangfu::security
