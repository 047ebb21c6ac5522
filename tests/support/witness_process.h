// `lawtrail witness serve` as a separate process, for tests that run the
// binaries as their users do: a witness key made by `witness init`, a server
// on a free loopback port, stopped with SIGTERM when the test ends.
#ifndef LAWTRAIL_TESTS_SUPPORT_WITNESS_PROCESS_H_
#define LAWTRAIL_TESTS_SUPPORT_WITNESS_PROCESS_H_

#include <csignal>
#include <string>

#include <catch2/catch.hpp>

#include "tests/support/process.h"
#include "tests/support/temp_dir.h"

namespace lawtrail::testing {

// A `lawtrail witness serve` process for the log of `log_vkey`; its vkey and port.
struct WitnessProcess {
  pid_t pid = 0;
  std::string vkey;
  uint16_t port = 0;
  WitnessProcess(const TempDir& dir, const std::string& tag, const std::string& name, const std::string& log_vkey) {
    const auto init = RunLawtrail({"witness", "init", "--data", dir.path() + "/" + tag, "--name", name});
    REQUIRE(init.exit_code == 0);
    vkey = init.out.substr(init.out.rfind('\n', init.out.size() - 2) + 1);
    vkey.pop_back();
    const std::string port_file = dir.path() + "/" + tag + ".port";
    pid = Spawn({LAWTRAIL_BINARY, "witness", "serve", "--data", dir.path() + "/" + tag, "--listen", "127.0.0.1:0",
                 "--port-file", port_file, "--log", log_vkey},
                "", dir.path() + "/" + tag + ".out", dir.path() + "/" + tag + ".err");
    port = WaitForPortFile(port_file);
    REQUIRE(port != 0);
  }
  ~WitnessProcess() {
    ::kill(pid, SIGTERM);
    Wait(pid);
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_WITNESS_PROCESS_H_
