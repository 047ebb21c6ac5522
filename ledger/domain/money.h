// File: ledger/domain/money.h
// -----------------------------------------------------------------------------
// Money is kept in fen (分, int64) everywhere; this is how people read it.
#ifndef LAWTRAIL_LEDGER_DOMAIN_MONEY_H_
#define LAWTRAIL_LEDGER_DOMAIN_MONEY_H_

#include <cstdint>
#include <string>

namespace lawtrail::domain {

// 50000 → "500", 50050 → "500.50": yuan, with fen only when there are any.
inline std::string FormatYuan(int64_t fen) {
  std::string s = std::to_string(fen / 100);
  if (fen % 100 != 0) s += "." + std::to_string(100 + fen % 100).substr(1);
  return s;
}

}  // namespace lawtrail::domain

#endif  // LAWTRAIL_LEDGER_DOMAIN_MONEY_H_
