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

// The act as a reader names it, where its kind says more than its type: an execution that was a 代履行 or a
// forced demolition, a 征收 notice by its own name (征收土地预公告 …). Otherwise ActName.
std::string_view ActNameOf(const fb::Statement& st);

}  // namespace lawtrail

#endif  // LAWTRAIL_LEDGER_CASEFILE_ACT_NAMES_H_
