// File: projectors/annual_report.h
// -----------------------------------------------------------------------------
// The 行政执法统计年报 (D5) for one year, from the statistics view: the data
// tables of domain.md §10, the staff table (执法人员数, 持证率 at 31 December),
// the analysis by category, place and time, and a short 情况说明 — as JSON
// and as a self-contained HTML page with SVG charts drawn from the data.
// The report for year Y is due by 31 January of Y+1.
#ifndef LAWTRAIL_PROJECTORS_ANNUAL_REPORT_H_
#define LAWTRAIL_PROJECTORS_ANNUAL_REPORT_H_

#include <string>

#include <nlohmann/json.hpp>

#include "projectors/view_store.h"

namespace lawtrail::projectors {

Result<nlohmann::json> BuildAnnualReport(ViewStore& views, int year, const std::string& agency_name);
std::string RenderAnnualReportHtml(const nlohmann::json& report);

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_ANNUAL_REPORT_H_
