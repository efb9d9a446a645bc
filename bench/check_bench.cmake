# Runs a benchmark in quick mode and checks that it printed one JSON line per expected
# figure. Timings are not asserted (the benchmark reports them; tests never time).
execute_process(COMMAND ${BENCH} --quick RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "benchmark failed (${rc}): ${err}")
endif()
string(REPLACE "," ";" expected "${EXPECT}")
foreach(name IN LISTS expected)
    string(FIND "${out}" "\"${KEY}\":\"${name}\"" pos)
    if(pos EQUAL -1)
        message(FATAL_ERROR "benchmark printed no figure for ${name}")
    endif()
endforeach()
