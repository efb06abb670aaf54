# kangfu_embed_file(TARGET target INPUT file SYMBOL name)
# Compiles a data file (JSON catalogue, calendars) into the binary as a std::string_view, so the
# product runs without its source tree; the same file can still be replaced at run time.
function(kangfu_embed_file)
  cmake_parse_arguments(ARG "" "TARGET;INPUT;SYMBOL" "" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embedded_${ARG_SYMBOL}.cpp")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${ARG_INPUT} -DOUTPUT=${out} -DSYMBOL=${ARG_SYMBOL}
            -P "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    DEPENDS "${ARG_INPUT}" "${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake"
    COMMENT "Embedding ${ARG_INPUT}")
  target_sources(${ARG_TARGET} PRIVATE "${out}")
endfunction()
