// File: projectors/registry_view.h
// -----------------------------------------------------------------------------
// The "registry" view (D1, D2): the agency's profile, the officer roster and
// every published list (power items, random-inspection items, the AV list,
// the legal-review catalogue, guides and flowcharts, discretion standards) —
// current state plus every dated version. Folded from "@registry" only.
//
//   agency                       current profile (JSON)
//   agency/v/<index>             each version
//   officer/<certificate no.>    the roster entry, with its status history
//   item/<Kind>/<code>           current version of a list item
//   item/<Kind>/<code>/v/<index> each version
//
// Values are canonical JSON (sorted keys), so a rebuild gives identical bytes.
// Officers' 法律职业资格 numbers are not published, only whether one is held.
#ifndef LAWTRAIL_PROJECTORS_REGISTRY_VIEW_H_
#define LAWTRAIL_PROJECTORS_REGISTRY_VIEW_H_

#include <memory>

#include "ledger/client/json_codec.h"
#include "projectors/internal/projector.h"

namespace lawtrail::projectors {

class RegistryView : public Projector {
 public:
  static constexpr std::string_view kName = "registry";
  std::string_view name() const override { return kName; }
  uint32_t version() const override { return 2; }  // 2: a profile change states the validity as admission reads it
  Status Apply(const ProjectedRecord& r, ViewTxn& view) override;

 private:
  JsonCodec codec_;
};

// An officer's certificate as the public may check it (D2) at time `now_ms`:
// "valid", "suspended", "revoked", "expired", "not yet valid" or "unknown".
std::string CertificateStatus(const std::string& roster_entry_json, int64_t now_ms);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_REGISTRY_VIEW_H_
