// Runs the lawtrail binary as a separate process, as an inspector's script
// would, with files for its standard streams.
#ifndef LAWTRAIL_TESTS_SUPPORT_PROCESS_H_
#define LAWTRAIL_TESTS_SUPPORT_PROCESS_H_

#include <cstdint>
#include <string>
#include <vector>

#include <sys/types.h>
#include <unistd.h>

namespace lawtrail::testing {

struct ProcessResult {
  int exit_code = -1;  // -signal if killed by a signal
  std::string out;
  std::string err;
};

// Starts `args` (args[0] is the program) with stdin/stdout/stderr redirected
// to the given files ("" = /dev/null for stdin, discard for outputs).
pid_t Spawn(const std::vector<std::string>& args, const std::string& stdin_path, const std::string& stdout_path,
            const std::string& stderr_path);
int Wait(pid_t pid);  // exit code, or -signal

// Runs `argv` (argv[0] is the program) and collects its output.
ProcessResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_path = "");
// Runs the lawtrail binary built with the tests.
ProcessResult RunLawtrail(const std::vector<std::string>& args, const std::string& stdin_path = "");

std::string ReadAll(const std::string& path);
// The resident set of process `pid` (this one by default), in bytes.
size_t ResidentBytes(pid_t pid = getpid());
// The port a server started with --port-file PATH wrote there, waiting up to
// `tries` twentieths of a second for it; 0 if it never came.
uint16_t WaitForPortFile(const std::string& path, int tries = 400);
void WriteAll(const std::string& path, const std::string& content);

}  // namespace lawtrail::testing

#endif  // LAWTRAIL_TESTS_SUPPORT_PROCESS_H_
