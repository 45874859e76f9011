#!/bin/sh
# Runs in the guest once the modules are loaded: exercises the misc device and the
# sysfs/debugfs attributes, which allocate and free per call.
set -e
i=0
while [ $i -lt 5 ]; do
	echo "hello $i" > /dev/qa_misc
	i=$((i+1))
done
exec 3<>/dev/qa_misc
dd if=/dev/zero bs=1000 count=5 >&3 2>/dev/null
exec 3>&-
cat /dev/qa_misc > /dev/null
echo first > /sys/kernel/qa_unwind/value
echo second > /sys/kernel/qa_unwind/value
cat /sys/kernel/qa_unwind/value
echo 42 > /sys/kernel/debug/qa_unwind
echo 43 > /sys/kernel/debug/qa_unwind
