#ifndef KANGFU_OFFICE_SAMPLE_LETTER_HPP_
#define KANGFU_OFFICE_SAMPLE_LETTER_HPP_

// A vetting reply letter used by the office tests and by docx_letter_check.py (via the
// office_docx_sample program), so that both check the same text.

#include "office/docx_letter.hpp"

namespace kangfu::office::testing {

Letter SampleLetter();

}  // namespace kangfu::office::testing

#endif  // KANGFU_OFFICE_SAMPLE_LETTER_HPP_
