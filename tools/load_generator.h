// File: tools/load_generator.h
// -----------------------------------------------------------------------------
// Generates a reproducible load workload (`demo --load-events`): officers registered by the
// agency root key, then signed case events spread over many cases. Everything
// (keys, event ids, times, text) derives from the seed, so the same seed and
// root key give byte-identical statements — re-appending them is idempotent.
// Thread-safe: Event() may be called from many threads.
#ifndef LAWTRAIL_TOOLS_LOAD_GENERATOR_H_
#define LAWTRAIL_TOOLS_LOAD_GENERATOR_H_

#include <string>
#include <vector>

#include "ledger/core/note.h"
#include "ledger/core/statement.h"

namespace lawtrail::demo {

struct Plan {
  std::string origin;
  note::Signer root;
  uint64_t events = 1000;
  uint64_t seed = 1;
  uint32_t officers = 12;
  uint64_t cases = 0;  // 0 = one case per 20 events
};

class Generator {
 public:
  explicit Generator(Plan plan);

  // The officer registrations, signed by the root key.
  std::vector<Bytes> RegistryStatements() const;
  // The i-th case event (0 <= i < plan.events), signed by its officer.
  Bytes Event(uint64_t i) const;
  uint64_t events() const { return plan_.events; }
  uint64_t cases() const { return cases_; }

 private:
  struct Officer {
    std::string certificate_no;
    std::string name;
    KeyPair key;
  };
  Hash Derive(std::string_view label, uint64_t i) const;
  Plan plan_;
  uint64_t cases_;
  std::vector<Officer> officers_;
};

}  // namespace lawtrail::demo

#endif  // LAWTRAIL_TOOLS_LOAD_GENERATOR_H_
