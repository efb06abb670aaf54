#ifndef KANGFU_STORAGE_SQL_ROW_READER_HPP_
#define KANGFU_STORAGE_SQL_ROW_READER_HPP_

// Reading one result row column by column, shared by the SQL store's areas (sql_store*.cpp).
// Internal to the storage module. A value of the wrong shape marks the reader bad() instead of
// throwing, so that the caller reports the row as corrupt (Corrupt) with its table.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.hpp"
#include "domain/date.hpp"
#include "storage/sql_connection.hpp"

namespace kangfu::storage {

class RowReader {
 public:
  explicit RowReader(const SqlRow& row) : row_(row) {}

  int64_t Int() { return AsInt(Next()); }
  std::string Text() { return AsText(Next()); }
  bool Bool() { return AsBool(Next()); }
  domain::Date DateColumn() {
    Result<domain::Date> date = domain::Date::Parse(AsText(Next()));
    if (!date.ok()) {
      bad_ = true;
      return domain::Date();
    }
    return *date;
  }
  std::optional<domain::Date> OptDate() {
    if (IsNull(Peek())) {
      ++pos_;
      return std::nullopt;
    }
    return DateColumn();
  }
  std::optional<int> OptInt() {
    const SqlValue& v = Next();
    if (IsNull(v)) return std::nullopt;
    return static_cast<int>(AsInt(v));
  }
  template <typename Enum>
  Enum Code(std::optional<Enum> (*from_code)(std::string_view)) {
    std::optional<Enum> value = from_code(AsText(Next()));
    if (!value) {
      bad_ = true;
      return Enum{};
    }
    return *value;
  }
  bool bad() const { return bad_ || pos_ > row_.size(); }

 private:
  const SqlValue& Peek() const {
    static const SqlValue kNull;
    return pos_ < row_.size() ? row_[pos_] : kNull;
  }
  const SqlValue& Next() {
    const SqlValue& v = Peek();
    ++pos_;
    return v;
  }
  const SqlRow& row_;
  std::size_t pos_ = 0;
  bool bad_ = false;
};

// The error for a stored row this build cannot decode (a defect or a tampered database).
inline Status Corrupt(std::string_view table) {
  return Status::Internal("undecodable row in table " + std::string(table));
}

}  // namespace kangfu::storage

#endif  // KANGFU_STORAGE_SQL_ROW_READER_HPP_
