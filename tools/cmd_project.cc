// lawtrail project, lawtrail certificate
#include <chrono>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "ledger/casefile/labels.h"
#include "ledger/client/statement_builder.h"
#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "projectors/all.h"
#include "projectors/annual_report.h"
#include "projectors/registry_view.h"
#include "projectors/runner.h"
#include "projectors/warnings_view.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct ProjectOptions {
  std::string dir, rebuild, case_id;
  uint64_t commit_every = projectors::RunnerOptions{}.commit_records;
  size_t ingest_from = projectors::RunnerOptions{}.ingest_from;
};

int Project(const ProjectOptions& o) {
  auto ro = OpenReadOnly(o.dir);
  if (!ro.ok()) return Report("project", ro.status());
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(o.dir));
  if (!views.ok()) return Report("project", views.status());
  projectors::ProjectionRunner runner(*ro->reader, **views, projectors::AllProjectors(),
                                      {.commit_records = o.commit_every, .ingest_from = o.ingest_from});
  if (!o.rebuild.empty()) {
    if (Status s = runner.Rebuild(o.rebuild); !s.ok()) return Report("project", s);
  }
  const auto started = std::chrono::steady_clock::now();
  auto folded = runner.CatchUp();
  if (!folded.ok()) return Report("project", folded.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!o.case_id.empty()) {
    auto refolded = runner.RebuildCase(o.case_id);
    if (!refolded.ok()) return Report("project", refolded.status());
    if (*refolded == 0)
      return Report("project", Status::NotFound("the log holds no record of case '" + o.case_id + "'"));
    std::fprintf(stderr, "rebuilt case %s from its %llu records\n", o.case_id.c_str(),
                 static_cast<unsigned long long>(*refolded));
  }
  auto lag = runner.Lag();
  if (!lag.ok()) return Report("project", lag.status());
  for (const auto& l : *lag) {
    std::printf("%s@%u: cursor %llu, lag %llu%s\n", l.name.c_str(), l.version,
                static_cast<unsigned long long>(l.cursor), static_cast<unsigned long long>(l.lag),
                l.active ? ", active" : "");
  }
  std::fprintf(stderr, "folded %llu records in %.2f s\n", static_cast<unsigned long long>(*folded), seconds);
  return 0;
}

struct CertificateOptions {
  std::string dir, cert;
};

int Certificate(const CertificateOptions& o) {
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(o.dir), /*read_only=*/true);
  if (!views.ok()) return Report("certificate", views.status());
  auto cf = (*views)->ActiveView(projectors::RegistryView::kName);
  if (!cf.ok()) return Report("certificate", cf.status());
  auto entry = (*views)->Get(cf->get(), "officer/" + o.cert);
  if (!entry.ok()) return Report("certificate", entry.status());
  if (!*entry) {
    std::printf("%s\tunknown\n", o.cert.c_str());
    return kExitProblem;
  }
  std::printf("%s\t%s\t%s\n", o.cert.c_str(), projectors::CertificateStatus(**entry, NowMs()).c_str(),
              (*entry)->c_str());
  return 0;
}

struct ReportOptions {
  std::string dir, out;
  int year = 0;
};

// Brings the views up to date, then writes report.json and report.html.
int AnnualReport(const ReportOptions& o) {
  auto ro = OpenReadOnly(o.dir);
  if (!ro.ok()) return Report("report", ro.status());
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(o.dir));
  if (!views.ok()) return Report("report", views.status());
  projectors::ProjectionRunner runner(*ro->reader, **views, projectors::AllProjectors());
  if (auto folded = runner.CatchUp(); !folded.ok()) return Report("report", folded.status());
  auto agency = (*views)->ActiveView(projectors::RegistryView::kName);
  if (!agency.ok()) return Report("report", agency.status());
  auto profile = (*views)->Get(agency->get(), "agency");
  if (!profile.ok()) return Report("report", profile.status());
  const nlohmann::json a = nlohmann::json::parse(profile->value_or("{}"), nullptr, false);
  auto report = projectors::BuildAnnualReport(**views, o.year, a.is_object() ? a.value("name", "") : "");
  if (!report.ok()) return Report("report", report.status());
  std::error_code ec;
  std::filesystem::create_directories(o.out, ec);
  if (ec) return Report("report", Status::IOError("creating " + o.out + ": " + ec.message()));
  if (Status s = WriteFileDurably(o.out + "/report.json", report->dump(2) + "\n", 0644, false); !s.ok()) {
    return Report("report", s);
  }
  if (Status s = WriteFileDurably(o.out + "/report.html", projectors::RenderAnnualReportHtml(*report), 0644, false);
      !s.ok()) {
    return Report("report", s);
  }
  std::printf("%s\n%s/report.json\n%s/report.html\n", (*report)["情况说明"].get<std::string>().c_str(), o.out.c_str(),
              o.out.c_str());
  return 0;
}

struct WarningsOptions {
  std::string dir, today;
};

int Warnings(const WarningsOptions& o) {
  auto views = projectors::ViewStore::Open(projectors::ViewsPath(o.dir), /*read_only=*/true);
  if (!views.ok()) return Report("warnings", views.status());
  auto list = projectors::ComputeWarnings(**views, o.today.empty() ? ChinaDay(NowMs()) : o.today);
  if (!list.ok()) return Report("warnings", list.status());
  for (const auto& w : *list) std::printf("%s\n", w.dump().c_str());
  std::fprintf(stderr, "%zu warning(s)\n", list->size());
  return 0;
}

}  // namespace

void AddProjectCommands(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<ProjectOptions>();
  CLI::App* project =
      app.add_subcommand("project",
                         "Fold the log into its views (DIR/views), from each view's cursor to the log's end,\n"
                         "and print each view's cursor and lag. Runs beside a writer. --rebuild NAME forgets\n"
                         "that view first, so it is rebuilt from record 0. --case ID then rebuilds that case's\n"
                         "entries alone (its case file, disclosure record and deadlines) from its own records.");
  AddDataOption(project, o->dir);
  project->add_option("--rebuild", o->rebuild, "Rebuild this view from record 0");
  project->add_option("--case", o->case_id, "Rebuild this case's entries in every view");
  project->add_option("--commit-every", o->commit_every, "Records per committed window (at most)")
      ->check(CLI::PositiveNumber);
  project
      ->add_option("--ingest-from", o->ingest_from, "Commits of this many writes or more go in as ingested table files")
      ->check(CLI::PositiveNumber);
  project->callback([o, &exit_code] { exit_code = Project(*o); });

  auto c = std::make_shared<CertificateOptions>();
  CLI::App* certificate =
      app.add_subcommand("certificate",
                         "Check an officer's certificate number (D2) in the registry view: valid, suspended,\n"
                         "revoked, expired or unknown, with the roster entry. Run `lawtrail project` first.");
  AddDataOption(certificate, c->dir);
  certificate->add_option("--cert", c->cert, "执法证号")->required();
  certificate->callback([c, &exit_code] { exit_code = Certificate(*c); });

  auto w = std::make_shared<WarningsOptions>();
  CLI::App* warnings =
      app.add_subcommand("warnings",
                         "Early warnings (I3) from the warnings view, one JSON object per line: deadlines\n"
                         "missed or at risk, deadlines met late, procedure flags, officers' fines far from their\n"
                         "peers, repeat parties — each with its evidence (record indices). Run `project` first.");
  AddDataOption(warnings, w->dir);
  warnings->add_option("--today", w->today, "Evaluate deadlines on this day (YYYY-MM-DD; default today)");
  warnings->callback([w, &exit_code] { exit_code = Warnings(*w); });

  CLI::App* report = app.add_subcommand("report", "Reports drawn from the views.");
  report->require_subcommand(1);
  auto r = std::make_shared<ReportOptions>();
  CLI::App* annual = report->add_subcommand(
      "annual",
      "The 行政执法统计年报 of YEAR (due by 31 January of the next year): the tables of\n"
      "行政许可, 行政处罚 (each decision once, under its heaviest penalty), 行政强制, other acts\n"
      "and staff, with analysis by category, place and time. Writes OUT/report.json and\n"
      "OUT/report.html (with SVG charts). Brings the views up to date first.");
  AddDataOption(annual, r->dir);
  annual->add_option("--year", r->year, "The year reported on")->required();
  annual->add_option("--out", r->out, "Folder for report.json and report.html")->required();
  annual->callback([r, &exit_code] { exit_code = AnnualReport(*r); });
}

}  // namespace lawtrail::cli
