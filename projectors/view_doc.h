// File: projectors/view_doc.h
// -----------------------------------------------------------------------------
// Typed view documents declared once. A document type lists its fields in one
// member template, in the order canonical JSON sorts their names:
//
//   struct Obligation final : FieldsDoc<Obligation> {
//     std::string case_id, due_on;
//     std::optional<std::string> met_on;         // absent from the JSON until set
//     template <typename V> void Fields(V& v) {
//       v("case_id", case_id); v("due_on", due_on); v("met_on", met_on);
//     }
//   };
//
// and gets Parse and Print (ViewDoc) from that list, so the two cannot drift
// apart. Fields may be strings, booleans, integers, std::optional of a field
// type (left out while empty), std::vector of one, or a nested Fielded struct.
#ifndef LAWTRAIL_PROJECTORS_VIEW_DOC_H_
#define LAWTRAIL_PROJECTORS_VIEW_DOC_H_

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "projectors/internal/json_view.h"
#include "projectors/json_writer.h"
#include "projectors/view_txn.h"

namespace lawtrail::projectors {

// A struct whose fields are listed by a Fields member template.
struct Fielded {};

namespace view_doc_internal {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

template <typename X>
void Read(const nlohmann::json& j, X& x);

struct FieldReader {
  const nlohmann::json& j;
  template <typename X>
  void operator()(const char* name, X& x) {
    const auto it = j.find(name);
    if (it != j.end() && !it->is_null()) Read(*it, x);
  }
};

template <typename X>
void Read(const nlohmann::json& j, X& x) {
  if constexpr (std::is_same_v<X, std::string>) {
    if (j.is_string()) x = j.get_ref<const std::string&>();
  } else if constexpr (std::is_same_v<X, bool>) {
    if (j.is_boolean()) x = j.get<bool>();
  } else if constexpr (std::is_integral_v<X>) {
    if (j.is_number_integer()) x = j.get<X>();
  } else if constexpr (IsOptional<X>::value) {
    Read(j, x.emplace());
  } else if constexpr (IsVector<X>::value) {
    if (!j.is_array()) return;
    for (const auto& e : j) Read(e, x.emplace_back());
  } else {
    static_assert(std::is_base_of_v<Fielded, X>, "a view document field of a type it cannot hold");
    if (!j.is_object()) return;
    FieldReader reader{j};
    x.Fields(reader);
  }
}

template <typename X>
void Write(JsonWriter& w, const X& x);

struct FieldWriter {
  JsonWriter& w;
  template <typename X>
  void operator()(const char* name, const X& x) {
    if constexpr (IsOptional<X>::value) {
      if (!x) return;
    }
    w.Key(name);
    Write(w, x);
  }
};

template <typename X>
void Write(JsonWriter& w, const X& x) {
  if constexpr (std::is_same_v<X, std::string>) {
    w.String(x);
  } else if constexpr (std::is_same_v<X, bool>) {
    w.Bool(x);
  } else if constexpr (std::is_integral_v<X> && std::is_signed_v<X>) {
    w.Int(x);
  } else if constexpr (std::is_integral_v<X>) {
    w.UInt(x);
  } else if constexpr (IsOptional<X>::value) {
    Write(w, *x);
  } else if constexpr (IsVector<X>::value) {
    w.BeginArray();
    for (const auto& e : x) Write(w, e);
    w.EndArray();
  } else {
    static_assert(std::is_base_of_v<Fielded, X>, "a view document field of a type it cannot hold");
    w.BeginObject();
    FieldWriter writer{w};
    // Fields only hands each member to the visitor; the writer reads it.
    const_cast<X&>(x).Fields(writer);
    w.EndObject();
  }
}

// Writes the fields named in `names` (all when empty), an unset optional
// one as null: a JSON merge patch (RFC 7396) that sets those fields to what
// they are now.
struct PatchFieldWriter {
  FieldWriter writer;
  std::span<const std::string_view> names;
  template <typename X>
  void operator()(const char* name, const X& x) {
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) return;
    if constexpr (IsOptional<X>::value) {
      if (!x) {
        writer.w.Key(name).Null();
        return;
      }
    }
    writer(name, x);
  }
};

}  // namespace view_doc_internal

// Appends a merge patch (RFC 7396) setting the fields of `doc` named in
// `names` (every field when empty) to their values in `doc`, null where unset.
// Printed before an act changes those fields, it undoes the act.
template <typename T>
void PrintPatch(const T& doc, std::span<const std::string_view> names, std::string& out) {
  JsonWriter w(out);
  view_doc_internal::PatchFieldWriter patch{{w}, names};
  w.BeginObject();
  const_cast<T&>(doc).Fields(patch);
  w.EndObject();
}

// The ViewDoc of a Fielded struct T: parsed from and printed to canonical JSON.
template <typename T>
struct FieldsDoc : ViewDoc, Fielded {
  static Result<T> Parse(std::string_view text, std::string_view key) {
    LAWTRAIL_ASSIGN_OR_RETURN(const nlohmann::json j, ParseViewValue(text, key));
    T doc;
    view_doc_internal::Read(j, doc);
    return doc;
  }
  void Print(std::string& out) const override {
    JsonWriter w(out);
    view_doc_internal::Write(w, static_cast<const T&>(*this));
  }
};

}  // namespace lawtrail::projectors

#endif  // LAWTRAIL_PROJECTORS_VIEW_DOC_H_
