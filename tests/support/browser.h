// Debian's chromium, headless: a page's DOM once its scripts have run, and a
// screenshot of it kept in the build tree as a test artifact.
#ifndef LAWTRAIL_TESTS_SUPPORT_BROWSER_H_
#define LAWTRAIL_TESTS_SUPPORT_BROWSER_H_

#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {

inline constexpr const char* kChromium = "/usr/bin/chromium";  // tools/install-deps.sh installs it

struct Browser {
  TempDir profile;
  std::string artifacts;
  explicit Browser(std::string artifact_dir) : artifacts(std::move(artifact_dir)) {
    REQUIRE(std::filesystem::exists(kChromium));
    std::filesystem::create_directories(artifacts);
  }

  // `window` is "width,height" of the screenshot (phone-sized by default).
  std::string Load(const std::string& url, const std::string& screenshot, const std::string& window = "412,1600") {
    const std::vector<std::string> common = {kChromium,
                                             "--headless",
                                             "--no-sandbox",
                                             "--disable-gpu",
                                             "--user-data-dir=" + profile.path(),
                                             "--virtual-time-budget=15000"};
    std::vector<std::string> dump = common;
    dump.insert(dump.end(), {"--dump-dom", url});
    const std::string out = profile / "dom.html";
    REQUIRE(Wait(Spawn(dump, "", out, profile / "chromium.err")) == 0);
    std::vector<std::string> shot = common;
    shot.insert(shot.end(), {"--window-size=" + window, "--screenshot=" + artifacts + "/" + screenshot + ".png", url});
    REQUIRE(Wait(Spawn(shot, "", profile / "shot.out", profile / "shot.err")) == 0);
    return ReadAll(out);
  }
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_BROWSER_H_
