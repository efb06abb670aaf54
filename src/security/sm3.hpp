#ifndef KANGFU_SECURITY_SM3_HPP_
#define KANGFU_SECURITY_SM3_HPP_

// SM3 (GB/T 32905-2016) through OpenSSL 3, and the hash chain that makes the audit log
// tamper-evident.
//
// Chain: hash(n) = SM3(hash(n-1) ‖ seq(n) as 8 bytes big-endian ‖ content(n)), hash(0) = 32 zero
// bytes. The sequence number is hashed too, so renumbering entries breaks the chain. Anyone who
// can rewrite the whole table can also recompute the chain: keep the latest (seq, hash) somewhere
// else (a checkpoint) and pass it to VerifyChain to catch that and the removal of the last entries.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.hpp"

namespace kangfu::security {

using Sm3Digest = std::array<unsigned char, 32>;

// SM3 of `data`. Error: internal when OpenSSL lacks SM3 (it is in the default provider).
Result<Sm3Digest> Sm3(std::string_view data);

std::string DigestHex(const Sm3Digest& digest);
// Parses 64 hex characters (either case); nullopt otherwise.
std::optional<Sm3Digest> DigestFromHex(std::string_view hex);

inline constexpr Sm3Digest kChainGenesis{};

// The hash of entry `seq` with canonical bytes `content`, following `previous`.
Result<Sm3Digest> ChainNext(const Sm3Digest& previous, std::int64_t seq, std::string_view content);

struct ChainEntry {
  std::int64_t seq = 0;
  std::string content;      // the canonical bytes that were hashed
  std::string stored_hash;  // hex, as stored beside the entry
};

struct ChainCheckpoint {
  std::int64_t seq = 0;
  std::string hash;  // hex
};

struct ChainReport {
  enum class Problem { kNone, kAltered, kInserted, kRemoved };
  Problem problem = Problem::kNone;
  std::int64_t seq = 0;   // the first entry at fault (for kRemoved: the first missing seq)
  std::size_t index = 0;  // its position in the sequence given (for kRemoved: where it is missing)
  std::string message;    // Chinese, for `kangfu audit verify`

  bool ok() const { return problem == Problem::kNone; }
};

// Checks entries given in storage order, expected to be numbered first_seq, first_seq+1, …
// and chained from `previous` (kChainGenesis when they start the log). Reports the first fault:
//   kRemoved   a sequence number is skipped (or, with `checkpoint`, the log ends before it);
//   kInserted  a sequence number repeats or goes backwards (an entry slipped in);
//   kAltered   the numbering is right but the entry's content or stored hash does not chain
//              (also when the checkpoint's hash differs from the stored one at its seq).
// An error Status only when SM3 itself is unavailable.
Result<ChainReport> VerifyChain(const std::vector<ChainEntry>& entries, std::int64_t first_seq = 1,
                                const Sm3Digest& previous = kChainGenesis,
                                const std::optional<ChainCheckpoint>& checkpoint = std::nullopt);

}  // namespace kangfu::security

#endif  // KANGFU_SECURITY_SM3_HPP_
