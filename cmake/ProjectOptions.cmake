# Warnings and options are INTERFACE targets that each target links PRIVATE.
option(LAWTRAIL_WARNINGS_AS_ERRORS "Treat compiler warnings as errors (CI turns this on)" OFF)

add_library(lawtrail_warnings INTERFACE)
target_compile_options(lawtrail_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${LAWTRAIL_WARNINGS_AS_ERRORS}>:-Werror>)
# Clang checks the lock annotations of ledger/core/mutex.h: reading state a
# lock guards without holding it is an error under clang, whatever the
# warnings-as-errors setting.
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(lawtrail_warnings INTERFACE
    -Wthread-safety -Wthread-safety-beta -Werror=thread-safety-analysis
    -Werror=thread-safety-attributes -Werror=thread-safety-precise -Werror=thread-safety-reference
    -Werror=thread-safety-beta)
endif()

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

# lawtrail_embed_text(<list var> <file> <symbol>): compiles the text file
# <file> (relative to the calling folder) into a std::string_view <symbol>
# in namespace lawtrail::domain (or the namespace given after the symbol), and
# appends the generated source to <list var>.
# Data tables ship inside the binary that was tested with them.
function(lawtrail_embed_text out_var file symbol)
  set(EMBED_SYMBOL ${symbol})
  set(EMBED_NAMESPACE lawtrail::domain)
  if(ARGC GREATER 3)
    set(EMBED_NAMESPACE ${ARGV3})
  endif()
  file(RELATIVE_PATH EMBED_SOURCE ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR}/${file})
  file(READ ${CMAKE_CURRENT_SOURCE_DIR}/${file} EMBED_TEXT)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded/${symbol}.cc)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/embedded_text.cc.in ${generated} @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  set(${out_var} ${${out_var}} ${generated} PARENT_SCOPE)
endfunction()

# Sanitizers for the whole build (every object, so that reports see through
# library boundaries): e.g. -DLAWTRAIL_SANITIZE=address,undefined or =thread.
# Programs then use the system allocator: the sanitizer must own malloc.
set(LAWTRAIL_SANITIZE "" CACHE STRING "Sanitizers to build with (address,undefined | thread), empty for none")
if(LAWTRAIL_SANITIZE)
  add_compile_options(-fsanitize=${LAWTRAIL_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${LAWTRAIL_SANITIZE})
endif()

# libFuzzer harnesses (tests/fuzz): clang only. Every object is instrumented
# for coverage; the harnesses link libFuzzer's own main.
option(LAWTRAIL_FUZZ "Build the libFuzzer harnesses of tests/fuzz (needs clang)" OFF)
if(LAWTRAIL_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
