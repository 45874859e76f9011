import type { Matcher } from './match/matcher.js';
import { LocalDecoding } from './parse/decoded-slots.js';
import type { LogParser } from './parse/log-parser.js';

// A small record log in the shapes a long one takes, fed through a throwaway parser and
// matcher before the real log. V8 optimizes the hot functions after the first few
// thousand records, with the type feedback it has seen by then; a path first taken
// later (the first free, after an init that only allocates; a record cut by the end of
// a read; a collision in the live set) throws the optimized code away, and it is
// compiled again while the log runs in the interpreter: 10-40 ms each on a 2-vCPU
// machine, most of the time of a log of a hundred thousand records.

/** Two modules, their records interleaved, as a driver and its OSAL module log them. */
const MODULES = ['modleak_warm_up', 'modleak_warm_up_osal'];
/** Live at once: enough for the live set's table (1024 slots) to have collisions. */
const LIVE = 300;
const PAIRS: ReadonlyArray<readonly [string, string]> = [['kmalloc', 'kfree'], ['kzalloc', 'kfree'], ['vmalloc', 'vfree']];
/** Call sites: each head (module, kind, API) keeps to one at first, then goes round them all. */
const SITES = Array.from({ length: 8 }, (_, j) => `drivers/warm/part${j % 4}.c:${40 + 7 * j} warm_op${j}`);

function address(k: number): string {
  return 'ffff8880' + (0x3a00000 + 0x40 * k).toString(16).padStart(8, '0');
}

/**
 * The log, in /dev/kmsg form, cut into reads the way a long log is: one read ends inside
 * a record's address, one inside its call site.
 */
export function warmUpChunks(): Buffer[] {
  let seq = 1;
  const record = (level: number, module: string, text: string) => `${level},${seq++},${seq},-;modleak1 ${module} ${text}\n`;
  const moduleOf = (k: number) => MODULES[k % MODULES.length]!;
  const lines = MODULES.map((module) => record(6, module, 'BEGIN'));
  for (let k = 0; k < LIVE; k++) {
    const [alloc] = PAIRS[k % PAIRS.length]!;
    const site = k < LIVE / 2 ? k % PAIRS.length : Math.floor(k / (MODULES.length * PAIRS.length)) % SITES.length;
    lines.push(record(7, moduleOf(k), `A ${alloc} ${address(k)} ${16 + k} ${SITES[site]}`));
  }
  // Freed in another order than allocated, so removals shift collided neighbours back.
  for (let k = 0; k < LIVE; k++) {
    const j = (k * 7) % LIVE;
    const [, free] = PAIRS[j % PAIRS.length]!;
    lines.push(record(7, moduleOf(j), `F ${free} ${address(j)} drivers/warm/warm.c:88 warm_release`));
  }
  for (const module of MODULES) lines.push(record(6, module, 'END'));
  const log = Buffer.from(lines.join(''), 'latin1');
  const inAddress = log.indexOf(address(LIVE >> 1)) + 9;
  const inSite = log.indexOf('warm_release', (log.length * 3) >> 2) + 3;
  return [log.subarray(0, inAddress), log.subarray(inAddress, inSite), log.subarray(inSite)];
}

/**
 * Runs the made-up log through the pipelines `pipeline` makes (each a throwaway parser
 * and matcher, whose records are released in order at once: a window of 1, as a long
 * log's are once the window has filled). With a read-ahead thread (`readAhead`), a
 * second pass takes the records after the first read as the thread writes them down,
 * the way the log parser takes most of a long log's: without it, V8 first sees that
 * path at the thread's first chunk, and throws away and compiles again the log
 * parser's and the matcher's code then.
 */
export function warmUp(pipeline: () => { parser: LogParser; matcher: Matcher }, readAhead: boolean): void {
  const chunks = warmUpChunks();
  for (const handedOver of readAhead ? [false, true] : [false]) {
    const { parser, matcher } = pipeline();
    const writer = handedOver ? new LocalDecoding() : undefined;
    chunks.forEach((chunk, k) => {
      // The first read the log parser reads itself, as it does while the thread starts.
      const decoded = writer?.decode(chunk);
      parser.push(chunk, k > 0 ? decoded : undefined);
    });
    parser.end();
    matcher.finish();
  }
}
