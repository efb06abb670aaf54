#ifndef KANGFU_CORE_JSON_WRITER_HPP_
#define KANGFU_CORE_JSON_WRITER_HPP_

// JSON text written as it goes, for the answers whose rate makes building a document first
// (nlohmann::json, everywhere else) cost more than the work behind them: the engine's status
// answers, one per request at tens of thousands a second. The text is what nlohmann's dump()
// writes for the same document: no spaces; strings escaped as it escapes them (" and \, \b \f
// \n \r \t, other control characters as \u00xx) with UTF-8 kept as it is.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kangfu {

class JsonWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // Inside an object: the name of the value written next.
  JsonWriter& Key(std::string_view name);
  // Throws std::invalid_argument when `value` is not valid UTF-8 (as nlohmann's dump() throws):
  // an answer is refused rather than sent with bytes a client cannot decode.
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // A value that is JSON text already (nlohmann's dump() of a part built elsewhere).
  JsonWriter& Raw(std::string_view json);

 private:
  JsonWriter& Open(char bracket);
  JsonWriter& Close(char bracket);
  void BeforeValue();  // the comma between the values of an array or the members of an object
  void Quoted(std::string_view text);

  std::string& out_;
  std::vector<bool> empty_;  // per open array or object: nothing written in it yet
  bool after_key_ = false;
};

}  // namespace kangfu

#endif  // KANGFU_CORE_JSON_WRITER_HPP_
