#!/bin/sh
# Exercise the *_user APIs: 6 bytes ("hello\n").
echo hello > /sys/kernel/debug/modleak_allapi/user
