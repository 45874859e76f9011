#!/bin/sh
# Writes the module's END marker itself (docs/run.md asks test scripts not to print
# records): the record stream must go on until the module is unloaded, so the free at
# unload still reaches the report.
echo 'modleak1 quiet END' > /dev/kmsg
