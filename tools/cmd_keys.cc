// lawtrail init | vkey | keygen
#include <cstdio>

#include "ledger/log/data_dir.h"
#include "ledger/log/files.h"
#include "ledger/log/log.h"
#include "tools/cli_support.h"

namespace lawtrail::cli {
namespace {

struct InitOptions {
  std::string dir, origin, agency, credit_code;
};

int RunInit(const InitOptions& o) {
  auto created = Log::Create(o.dir, o.origin, {o.agency.empty() ? o.origin : o.agency, o.credit_code});
  if (!created.ok()) return Report("init", created.status());
  std::printf("created the log %s in %s\n", o.origin.c_str(), o.dir.c_str());
  std::printf("log key (signs checkpoints, keep secret):   %s\n", data_dir::LogKeyPath(o.dir).c_str());
  std::printf("root key (signs the registry, keep secret): %s\n", data_dir::RootKeyPath(o.dir).c_str());
  std::printf("%s\n", created->verifier_key.c_str());
  return 0;
}

int RunVkey(const std::string& dir) {
  auto vkey = data_dir::LoadVerifier(dir);
  if (!vkey.ok()) return Report("vkey", vkey.status());
  std::printf("%s\n", note::EncodeVerifier(vkey->name, vkey->public_key).c_str());
  return 0;
}

int RunKeygen(const std::string& name, const std::string& out) {
  if (Status s = note::CheckKeyName(name); !s.ok()) return Report("keygen", s);
  const note::Signer signer{name, KeyPair::Generate()};
  if (Status s = data_dir::SaveSigner(out, signer); !s.ok()) return Report("keygen", s);
  const std::string vkey = note::EncodeVerifier(name, signer.key.public_key());
  if (Status s = WriteFileDurably(out + ".pub", vkey + "\n", 0644, false); !s.ok()) {
    return Report("keygen", s);
  }
  std::printf("%s\n", vkey.c_str());
  return 0;
}

}  // namespace

void AddKeyCommands(CLI::App& app, int& exit_code) {
  auto init_opts = std::make_shared<InitOptions>();
  CLI::App* init =
      app.add_subcommand("init",
                         "Create a new log: the log key, the agency root key (both mode 0600) and the agency\n"
                         "genesis record. Prints the log's verifier key as its last line.");
  AddDataOption(init, init_opts->dir);
  init->add_option("--origin", init_opts->origin, "The log's origin, e.g. qingshan.xinyang.gov.cn/enforcement")
      ->required();
  init->add_option("--agency", init_opts->agency, "执法主体名称 (defaults to the origin)");
  init->add_option("--credit-code", init_opts->credit_code, "统一社会信用代码");
  init->callback([init_opts, &exit_code] { exit_code = RunInit(*init_opts); });

  auto dir = std::make_shared<std::string>();
  CLI::App* vkey = app.add_subcommand("vkey", "Print the log's verifier key (note vkey encoding), one line.");
  AddDataOption(vkey, *dir);
  vkey->callback([dir, &exit_code] { exit_code = RunVkey(*dir); });

  auto name = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  CLI::App* keygen =
      app.add_subcommand("keygen",
                         "Make an officer's Ed25519 key pair: FILE (secret, mode 0600) and FILE.pub.\n"
                         "Prints the public verifier key, which `lawtrail register officer --key` takes.");
  keygen->add_option("--name", *name, "Key name, usually the certificate number (执法证号)")->required();
  keygen->add_option("--out", *out, "Where to write the secret key")->required();
  keygen->callback([name, out, &exit_code] { exit_code = RunKeygen(*name, *out); });
}

}  // namespace lawtrail::cli
