// Identifier check characters and the masked forms that are all the public sees.
#include "ledger/domain/identifiers.h"

#include <catch2/catch.hpp>

namespace lawtrail::domain {
namespace {

TEST_CASE("统一社会信用代码 check characters are verified", "[identifiers]") {
  CHECK(ValidateCreditCode("91110000802100433B").ok());
  CHECK(ValidateCreditCode("11411500MB1234567X").ok());
  CHECK_THAT(ValidateCreditCode("91110000802100433C").message(), Catch::Contains("want 'B'"));
  CHECK_THAT(ValidateCreditCode("9111000080210043").message(), Catch::Contains("18 characters"));
  CHECK_THAT(ValidateCreditCode("91110000I02100433B").message(), Catch::Contains("position 9"));
}

TEST_CASE("居民身份证号码 check characters and birth dates are verified", "[identifiers]") {
  CHECK(ValidateResidentId("11010519491231002X").ok());  // the example of GB 11643
  CHECK(ValidateResidentId("11010519491231002x").ok());
  CHECK(ValidateResidentId("411502199003071233").ok());
  CHECK_THAT(ValidateResidentId("411502199003071234").message(), Catch::Contains("want '3'"));
  CHECK_THAT(ValidateResidentId("411502199002301233").message(), Catch::Contains("birth date"));
  CHECK_THAT(ValidateResidentId("41150219900307123").message(), Catch::Contains("18 characters"));
}

TEST_CASE("names keep only the surname and numbers keep only their ends", "[identifiers]") {
  CHECK(MaskPersonName("张三") == "张*");
  CHECK(MaskPersonName("王小明") == "王**");
  CHECK(MaskPersonName("欧阳娜娜") == "欧阳**");
  CHECK(MaskPersonName("欧阳") == "欧*");  // a two-character name is surname and given name
  CHECK(MaskMiddle("411502199003071233", 4, 4) == "4115**********1233");
  CHECK(MaskMiddle("13812345678", 3, 4) == "138****5678");
  CHECK(MaskMiddle("123", 4, 4) == "***");
}

}  // namespace
}  // namespace lawtrail::domain
