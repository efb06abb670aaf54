# Warnings are errors for the project's own code; third-party headers are included as SYSTEM.
function(kangfu_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Werror
    -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
    -Wimplicit-fallthrough -Wmissing-declarations)
endfunction()
