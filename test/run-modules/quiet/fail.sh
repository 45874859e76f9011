#!/bin/sh
# Leaks one object and exits 3: reported, and the run still completes.
echo x > /sys/kernel/debug/quiet/leak
exit 3
