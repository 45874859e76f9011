#!/bin/sh
# Runs in the guest after the module loaded: two writes, two 32-byte leaks.
set -e
echo x > /sys/kernel/debug/leaky/poke
echo x > /sys/kernel/debug/leaky/poke
