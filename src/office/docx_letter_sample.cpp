// Writes the sample vetting reply letter to argv[1]; used by docx_letter_check.py.
#include <iostream>

#include "office/docx_letter.hpp"
#include "office/sample_letter.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "用法: office_docx_sample 输出文件.docx\n";
    return 2;
  }
  kangfu::Status status =
      kangfu::office::WriteDocxLetterFile(kangfu::office::testing::SampleLetter(), argv[1]);
  if (!status.ok()) {
    std::cerr << status.ToString() << "\n";
    return 1;
  }
  return 0;
}
