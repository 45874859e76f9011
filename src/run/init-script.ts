import { RUNNER_PREFIX } from '../parse/log-parser.js';

// The guest's scripts (busybox sh). The base /init boots, loads the transport, waits
// for the payload (built while the kernel booted) and sources its run.sh, which loads
// the module, runs the test script and unloads it. Everything they say on the console
// starts with INIT_PREFIX so the host can follow the steps live and classify the run.

/** The console parser knows it too: an analysed console log says how the run went (log-parser.ts). */
export const INIT_PREFIX = RUNNER_PREFIX;
export const RECORD_PORT = 'modleak.records';
export const PAYLOAD_PORT = 'modleak.payload';

/** The steps the guest says (`step: <name>`) that the host's classification reads back. */
export const STEP = {
  /** The init's first line. */
  booted: 'booted',
  runningTestScript: 'running test script',
  unloading: 'unloading',
  draining: 'draining records',
} as const;

export interface RunScriptSettings {
  /** Module names (KBUILD_MODNAME) and .ko file names, in load order. */
  modules: { name: string; file: string }[];
  /** Paths inside the guest of the module's dependencies, in load order. */
  dependencies: string[];
  moduleParams: string;
  /** The module that gets moduleParams (the first in modules.order; default: the first loaded). */
  paramsModule?: string;
  /** Path inside the guest of the test script, when there is one. */
  testScript?: string;
  /** Unique to the run (random): names run.sh's messages to the record log (unloading; done, after the last END, which ends the stream). */
  runId: string;
  testScriptTimeoutSec: number;
}

export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export function endMarker(module: string): string {
  return `modleak1 ${module} END`;
}

/**
 * The message after every END that the record streamer stops at. Not a record (the
 * matcher reads it as a kernel line), and unguessable: a test script that writes an END
 * marker itself must not end the stream before the module is unloaded.
 */
export function streamEndMarker(runId: string): string {
  return `modleak-run ${runId} done`;
}

/** Written to the record log as the modules are unloaded: an END before it was not the runner's. */
export function unloadMarker(runId: string): string {
  return `modleak-run ${runId} unloading`;
}

function findPort(variable: string, name: string): string[] {
  return [
    `${variable}=`,
    'i=0',
    `while [ -z "$${variable}" ] && [ $i -lt 200 ]; do`,
    '  for d in /sys/class/virtio-ports/*; do',
    `    [ "$(cat $d/name 2>/dev/null)" = ${name} ] && [ -e /dev/\${d##*/} ] && ${variable}=/dev/\${d##*/}`,
    '  done',
    `  [ -z "$${variable}" ] && sleep 0.05`,
    '  i=$((i+1))',
    'done',
    `[ -z "$${variable}" ] && { say "fatal: no virtio-serial port named ${name} appeared; the kernel needs virtio_pci and virtio_console"; finish; }`,
  ];
}

/** /init: the same for every run on one kernel, so the base initramfs is cached. */
export function renderBaseInit(transport: string[]): string {
  return [
    '#!/bin/busybox sh',
    '[ -e /bin/sh ] || /bin/busybox --install -s /bin',
    'export PATH=/bin',
    'mount -t proc proc /proc',
    'mount -t sysfs sysfs /sys',
    'mount -t devtmpfs devtmpfs /dev',
    'mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null',
    'mkdir -p /tmp',
    `say() { echo "${INIT_PREFIX} $*"; }`,
    'finish() { say "powering off"; sync; poweroff -f; sleep 30; }',
    `say "step: ${STEP.booted}"`,
    ...transport.map((t) => `insmod ${t} 2>/tmp/t.err || say "warning: transport module ${t} did not load: $(cat /tmp/t.err)"`),
    ...findPort('recport', RECORD_PORT),
    ...findPort('payport', PAYLOAD_PORT),
    'say "step: waiting for the module"',
    '/bin/modleak-guest --receive "$payport" /tmp/payload.cpio || { say "fatal: the module payload did not arrive"; finish; }',
    '(cd / && cpio -i -d -m < /tmp/payload.cpio 2>/tmp/cpio.err) || { say "fatal: cannot unpack the payload: $(cat /tmp/cpio.err)"; finish; }',
    '. /payload/run.sh',
    'finish',
    '',
  ].join('\n');
}

/** /payload/run.sh, sourced by /init with $recport set. */
export function renderRunScript(s: RunScriptSettings): string {
  const lines: string[] = [
    `/bin/modleak-guest "$recport" ${shQuote(streamEndMarker(s.runId))} &`,
    'streamer=$!',
  ];
  for (const m of s.modules) lines.push(`echo ${shQuote(`modleak1 ${m.name} BEGIN`)} > /dev/kmsg`);
  lines.push('say "step: loading"');
  for (const d of s.dependencies) lines.push(`insmod ${d} 2>/tmp/d.err || say "warning: dependency ${d} did not load: $(cat /tmp/d.err)"`);
  lines.push('loaded=', 'stuck=');
  const paramsModule = s.paramsModule ?? s.modules[0]?.name;
  s.modules.forEach((m) => {
    const params = m.name === paramsModule && s.moduleParams.trim() ? ` ${shQuote(s.moduleParams.trim())}` : '';
    lines.push(
      `if /bin/modleak-guest --insmod /payload/modules/${m.file}${params} 2>/tmp/insmod.err; then loaded="${m.name} $loaded"; else`,
      `  rc=$?; say "load-failed: ${m.name}: insmod exit $rc: $(cat /tmp/insmod.err)"; fi`,
    );
  });
  lines.push('if [ -n "$loaded" ]; then', '  say "step: loaded $loaded"');
  if (s.testScript) {
    lines.push(
      `  say "step: ${STEP.runningTestScript}"`,
      `  ${s.testScript} &`,
      '  tpid=$!',
      // Said when the limit hits, not after the script is gone: a script stuck in the kernel never goes.
      `  ( sleep ${s.testScriptTimeoutSec}; if kill -0 $tpid 2>/dev/null; then say "test-script-timeout: ${s.testScriptTimeoutSec}"; kill -9 $tpid; fi ) &`,
      '  watcher=$!',
      '  wait $tpid',
      '  rc=$?',
      '  kill $watcher 2>/dev/null',
      '  say "test-script-exit: $rc"',
    );
  }
  lines.push(
    `  say "step: ${STEP.unloading}"`,
    `  echo ${shQuote(unloadMarker(s.runId))} > /dev/kmsg`,
    // A module rmmod refuses to unload (in use, or no exit function) gets no END: its exit never ran.
    // An rmmod killed by a signal died in the exit function (an oops): that END counts.
    '  for m in $loaded; do rmmod $m 2>/tmp/rmmod.err; rc=$?',
    '    if [ $rc -ge 128 ]; then say "warning: rmmod $m failed: exit $rc: $(cat /tmp/rmmod.err)"',
    '    elif [ $rc -ne 0 ]; then say "unload-failed: $m: $(cat /tmp/rmmod.err)"; stuck="$stuck $m "; fi',
    '  done',
    'fi',
  );
  for (const m of s.modules) lines.push(`case "$stuck" in *' ${m.name} '*) ;; *) echo ${shQuote(endMarker(m.name))} > /dev/kmsg ;; esac`);
  lines.push(
    `echo ${shQuote(streamEndMarker(s.runId))} > /dev/kmsg`,
    `say "step: ${STEP.draining}"`,
    '( sleep 60; kill $streamer 2>/dev/null ) &',
    'wait $streamer',
    'say "streamer-exit: $?"',
    '',
  );
  return lines.join('\n');
}
