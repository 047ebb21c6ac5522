# Warnings and options are INTERFACE targets that each target links PRIVATE.
option(LAWTRAIL_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI turns this on)" OFF)

add_library(lawtrail_warnings INTERFACE)
target_compile_options(lawtrail_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${LAWTRAIL_WARNINGS_AS_ERRORS}>:-Werror>)

add_library(lawtrail_options INTERFACE)
target_compile_features(lawtrail_options INTERFACE cxx_std_20)
target_include_directories(lawtrail_options INTERFACE ${PROJECT_SOURCE_DIR})

# Every library gets the same shape: a lawtrail_<name> target, a lawtrail::<name>
# alias, C++20, and the warnings/options targets linked privately.
function(lawtrail_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(lawtrail_${name} ${ARG_SOURCES})
  add_library(lawtrail::${name} ALIAS lawtrail_${name})
  target_compile_features(lawtrail_${name} PUBLIC cxx_std_20)
  target_include_directories(lawtrail_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(lawtrail_${name}
    PUBLIC ${ARG_PUBLIC_DEPS}
    PRIVATE lawtrail_warnings lawtrail_options ${ARG_PRIVATE_DEPS})
endfunction()
