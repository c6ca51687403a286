# Fails when a core source includes a header that would make the core impure: I/O,
# threads, clocks, randomness, the file system, or a platform (Emscripten, SQLite, HTTP).
#   cmake -DCORE_DIR=<core> -P check_pure.cmake
file(GLOB_RECURSE sources "${CORE_DIR}/*.h" "${CORE_DIR}/*.cc")
set(forbidden iostream fstream sstream thread mutex chrono ctime time.h random filesystem
              cstdio stdio.h emscripten sqlite3.h httplib.h)
set(bad "")
foreach(source ${sources})
  file(STRINGS "${source}" includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    foreach(header ${forbidden})
      if(line MATCHES "[<\"/]${header}[>\"/.]" OR line MATCHES "[<\"]${header}[>\"]")
        list(APPEND bad "${source}: ${line}")
      endif()
    endforeach()
  endforeach()
endforeach()
if(bad)
  list(JOIN bad "\n" message)
  message(FATAL_ERROR "the core must stay pure:\n${message}")
endif()
