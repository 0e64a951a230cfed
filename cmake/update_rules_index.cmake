# Replaces everything after the marker line of INDEX (docs/rules/README.md)
# with the output of "TLSLINT --list-rules --format markdown".
set(marker "<!-- Generated below by: tlslint --list-rules --format markdown -->")
file(READ ${INDEX} text)
string(FIND "${text}" "${marker}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${INDEX} lacks the line \"${marker}\"; add it where "
                      "the generated tables begin")
endif()
string(LENGTH "${marker}" marker_length)
math(EXPR keep "${at} + ${marker_length}")
string(SUBSTRING "${text}" 0 ${keep} head)
execute_process(
  COMMAND ${TLSLINT} --no-config --list-rules --format markdown
  OUTPUT_VARIABLE tables
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${TLSLINT} --list-rules --format markdown failed "
                      "with status ${status}")
endif()
file(WRITE ${INDEX} "${head}\n\n${tables}")
