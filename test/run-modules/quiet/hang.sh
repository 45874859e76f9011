#!/bin/sh
# Leaks one object, then never returns: the runner must stop it at the time limit.
echo x > /sys/kernel/debug/quiet/leak
sleep 100000
