// JsonWriter writes what nlohmann's dump() writes for the same document (the status answers
// switched from one to the other without a byte changing), and refuses what dump() refuses.

#include "core/json_writer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace kangfu {
namespace {

using OrderedJson = nlohmann::ordered_json;

std::string Written(const std::string& text) {
  std::string out;
  JsonWriter(out).String(text);
  return out;
}

TEST(JsonWriterTest, NestedValuesMatchTheDocumentsDump) {
  std::string out;
  JsonWriter json(out);
  json.BeginObject();
  json.Key("person").BeginObject().Key("id").Int(4).Key("name").String("张三").EndObject();
  json.Key("empty_object").BeginObject().EndObject();
  json.Key("empty_array").BeginArray().EndArray();
  json.Key("flags").BeginArray().Bool(true).Bool(false).Null().EndArray();
  json.Key("limits").BeginArray();
  json.Int(std::numeric_limits<int64_t>::min()).Int(0).Int(std::numeric_limits<int64_t>::max());
  json.EndArray();
  json.Key("rows").BeginArray();
  for (int i = 0; i < 2; ++i) json.BeginObject().Key("i").Int(i).EndObject();
  json.EndArray();
  json.Key("raw").Raw(R"({"code":"x"})");
  json.EndObject();

  OrderedJson expected;
  expected["person"]["id"] = 4;
  expected["person"]["name"] = "张三";
  expected["empty_object"] = OrderedJson::object();
  expected["empty_array"] = OrderedJson::array();
  expected["flags"] = {true, false, nullptr};
  expected["limits"] = {std::numeric_limits<int64_t>::min(), 0,
                        std::numeric_limits<int64_t>::max()};
  expected["rows"] = OrderedJson::array();
  for (int i = 0; i < 2; ++i) expected["rows"].push_back({{"i", i}});
  expected["raw"] = {{"code", "x"}};
  EXPECT_EQ(out, expected.dump());
}

TEST(JsonWriterTest, StringsAreEscapedAsNlohmannEscapesThem) {
  std::vector<std::string> texts = {"",
                                    "plain",
                                    "引号\"与\\反斜杠",
                                    "a/b",
                                    "\b\f\n\r\t",
                                    std::string("nul\0x", 5),
                                    "\x01\x1f\x7f",
                                    "€ 𝄞 ￿ ퟿"};
  for (int c = 0; c < 0x80; ++c) texts.emplace_back(1, static_cast<char>(c));
  for (const std::string& text : texts) {
    EXPECT_EQ(Written(text), OrderedJson(text).dump()) << OrderedJson(text).dump();
  }
}

TEST(JsonWriterTest, MalformedUtf8IsRefusedAsNlohmannRefusesIt) {
  const std::vector<std::string> malformed = {
      "\x80",              // a continuation byte alone
      "\xC0\xAF",          // an overlong '/'
      "\xC3",              // cut short
      "\xE4\xB8",          // cut short
      "\xE0\x80\xAF",      // overlong
      "\xED\xA0\x80",      // a surrogate
      "\xF4\x90\x80\x80",  // above U+10FFFF
      "\xF8\x88\x80\x80\x80",
      "ok\xFF",
  };
  for (const std::string& text : malformed) {
    EXPECT_THROW(Written(text), std::invalid_argument)
        << OrderedJson(text).dump(-1, ' ', true, OrderedJson::error_handler_t::replace);
    EXPECT_THROW((void)OrderedJson(text).dump(), nlohmann::json::type_error);
  }
}

}  // namespace
}  // namespace kangfu
