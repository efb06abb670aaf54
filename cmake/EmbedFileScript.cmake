# Writes OUTPUT as a C++ source defining `std::string_view kangfu::embedded::SYMBOL()`.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_len)
math(EXPR byte_count "${hex_len} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE "${OUTPUT}"
"// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
"namespace kangfu::embedded {\nstd::string_view ${SYMBOL}();\nnamespace {\nconstexpr char kData[] = {${body} '\\0'};\n}  // namespace\n"
"std::string_view ${SYMBOL}() { return {kData, ${byte_count}}; }\n}  // namespace kangfu::embedded\n")
