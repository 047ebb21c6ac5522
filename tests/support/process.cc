#include "tests/support/process.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/support/temp_dir.h"

namespace lawtrail::testing {
namespace {

void Redirect(const std::string& path, int fd, int flags) {
  const int f = ::open(path.empty() ? "/dev/null" : path.c_str(), flags, 0644);
  if (f < 0) _exit(126);
  ::dup2(f, fd);
  ::close(f);
}

}  // namespace

pid_t Spawn(const std::vector<std::string>& args, const std::string& stdin_path, const std::string& stdout_path,
            const std::string& stderr_path) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    Redirect(stdin_path, 0, O_RDONLY);
    Redirect(stdout_path, 1, O_WRONLY | O_CREAT | O_TRUNC);
    Redirect(stderr_path, 2, O_WRONLY | O_CREAT | O_TRUNC);
    ::execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
  }
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return WEXITSTATUS(status);
}

ProcessResult RunProgram(const std::vector<std::string>& argv, const std::string& stdin_path) {
  TempDir tmp;
  ProcessResult r;
  r.exit_code = Wait(Spawn(argv, stdin_path, tmp / "out", tmp / "err"));
  r.out = ReadAll(tmp / "out");
  r.err = ReadAll(tmp / "err");
  return r;
}

ProcessResult RunLawtrail(const std::vector<std::string>& args, const std::string& stdin_path) {
  std::vector<std::string> full = {LAWTRAIL_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  return RunProgram(full, stdin_path);
}

uint16_t WaitForPortFile(const std::string& path, int tries) {
  for (int i = 0; i < tries; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string p = ReadAll(path);
    if (!p.empty()) return static_cast<uint16_t>(std::stoi(p));
  }
  return 0;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

size_t ResidentBytes(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  }
  return 0;
}

}  // namespace lawtrail::testing
