#!/bin/sh
# Blocks in the kernel for good: killed at its limit, it still does not end.
echo x > /sys/kernel/debug/stuck/block
