// File: projectors/all.h
// -----------------------------------------------------------------------------
// Every projector lawtrail runs, in one place: `lawtrail project` and `serve`
// run exactly this list.
#ifndef LAWTRAIL_PROJECTORS_ALL_H_
#define LAWTRAIL_PROJECTORS_ALL_H_

#include <memory>
#include <vector>

#include "projectors/internal/projector.h"

namespace lawtrail::projectors {

std::vector<std::unique_ptr<Projector>> AllProjectors();

// DIR/views: where a log's views live.
std::string ViewsPath(const std::string& data_dir);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_ALL_H_
