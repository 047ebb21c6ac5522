#include "projectors/all.h"

#include "projectors/case_file_view.h"
#include "projectors/disclosure_view.h"
#include "projectors/evidence_view.h"
#include "projectors/registry_view.h"
#include "projectors/statistics_view.h"
#include "projectors/warnings_view.h"

namespace lawtrail::projectors {

std::vector<std::unique_ptr<Projector>> AllProjectors() {
  std::vector<std::unique_ptr<Projector>> all;
  all.push_back(std::make_unique<RegistryView>());
  all.push_back(std::make_unique<DisclosureView>());
  all.push_back(std::make_unique<CaseFileView>());
  all.push_back(std::make_unique<StatisticsView>());
  all.push_back(std::make_unique<WarningsView>());
  all.push_back(std::make_unique<EvidenceView>());
  return all;
}

std::string ViewsPath(const std::string& data_dir) { return data_dir + "/views"; }

}  // namespace lawtrail::projectors
