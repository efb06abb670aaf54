# Warnings are errors for the project's own code; third-party headers are included as SYSTEM.
function(kangfu_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wmissing-declarations
    # GCC 12 reports false positives for std::variant/std::optional members at -O2 (GCC bugs
    # 105562, 107138); the sanitizer build catches real uses of uninitialised memory.
    $<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endfunction()
