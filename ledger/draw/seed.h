// File: ledger/draw/seed.h
// -----------------------------------------------------------------------------
// The seed of a random-inspection draw: the log's checkpoint at the tree size
// the announcement named, with the cosignature of every witness it named.
//
// When the pools are committed that checkpoint does not exist yet, and once
// it does its witnesses' signatures are beyond anyone's reach but theirs: a
// witness cosigns one root per size (tlog-witness), and nobody can compute an
// Ed25519 signature without the key. So neither the agency nor anyone else
// could know, or steer, the draw when it was announced.
//
//   seed = SHA-256("lawtrail-draw/v1 seed\n" ‖ checkpoint body ‖
//                  for each named witness, in the announced order:
//                  8-byte big-endian cosignature time ‖ 64-byte signature)
#ifndef LAWTRAIL_LEDGER_DRAW_SEED_H_
#define LAWTRAIL_LEDGER_DRAW_SEED_H_

#include <string>
#include <string_view>
#include <vector>

#include "ledger/core/checkpoint.h"
#include "ledger/core/cosignature.h"

namespace lawtrail::draw {

struct SeedTerms {
  std::string log_vkey;                    // the log's note verifier key; its name is the origin
  std::vector<std::string> witness_vkeys;  // cosigner keys (type 0x04)
  uint64_t tree_size = 0;                  // the checkpoint's size, exactly
};

struct Seed {
  Hash value{};
  Checkpoint checkpoint;
  std::vector<std::pair<std::string, uint64_t>> cosigned;  // (witness, cosignature time), in order
};

// OK iff every key in `terms` parses, the names are distinct and there is at
// least one witness (an unwitnessed seed is one the log's operator could grind).
Status CheckSeedTerms(const SeedTerms& terms);

// Opens `signed_checkpoint` against `terms`: the log's signature, the size,
// and every named witness's cosignature; returns the seed. The caller checks
// the root against its own tree.
Result<Seed> OpenSeed(std::string_view signed_checkpoint, const SeedTerms& terms);

}  // namespace lawtrail::draw

#endif  // LAWTRAIL_LEDGER_DRAW_SEED_H_
