// File: ledger/log/data_dir.h
// -----------------------------------------------------------------------------
// The layout of a log's data folder:
//   DIR/db/        the RocksDB database
//   DIR/log.key    the log key (signs checkpoints), signer-key text, mode 0600
//   DIR/root.key   the agency root key (signs registry events), mode 0600;
//                  move it offline after registering the officers
//   DIR/log.vkey   the log's verifier key, public
//   DIR/sealed.key the key that encrypts private-data openings and keys the
//                  party index (ledger/log/sealed_vault.h), mode 0600
#ifndef LAWTRAIL_LEDGER_LOG_DATA_DIR_H_
#define LAWTRAIL_LEDGER_LOG_DATA_DIR_H_

#include <string>

#include "ledger/core/note.h"

namespace lawtrail::data_dir {

std::string DbPath(const std::string& dir);
std::string LogKeyPath(const std::string& dir);
std::string RootKeyPath(const std::string& dir);
std::string VerifierKeyPath(const std::string& dir);
std::string SealedKeyPath(const std::string& dir);
// The evidence store beside the log (docs/evidence.md), unless configured elsewhere.
std::string EvidencePath(const std::string& dir);

// True iff `dir` holds a created log database.
bool HoldsLog(const std::string& dir);

// Reads a signer key file (PRIVATE+KEY+… text).
Result<note::Signer> LoadSigner(const std::string& path);
// Writes a signer key file with mode 0600; refuses to overwrite one.
Status SaveSigner(const std::string& path, const note::Signer& signer);
// Reads the verifier key of the log in `dir`.
Result<note::Verifier> LoadVerifier(const std::string& dir);
// Reads a verifier key file (NAME+ID+KEY text).
Result<note::Verifier> LoadVerifierFile(const std::string& path);

}  // namespace lawtrail::data_dir

#endif  // LAWTRAIL_LEDGER_LOG_DATA_DIR_H_
