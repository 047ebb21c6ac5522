// File: ledger/casefile/act_names.h
// -----------------------------------------------------------------------------
// The Chinese name of each act the log records (立案, 事先告知, 作出决定 …),
// for every page and document a person reads: schema names are for programs.
#ifndef LAWTRAIL_LEDGER_CASEFILE_ACT_NAMES_H_
#define LAWTRAIL_LEDGER_CASEFILE_ACT_NAMES_H_

#include <string_view>

#include "schemas/statement_generated.h"

namespace lawtrail {

// Never empty: an act this version does not know is "未知行为".
std::string_view ActName(fb::Payload type);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CASEFILE_ACT_NAMES_H_
