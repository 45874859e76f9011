import { createReadStream, existsSync, fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { DecodeThread } from './parse/decode-thread.js';
import type { LogFacts, LogParser } from './parse/log-parser.js';
import { packageRoot } from './paths.js';

// Reads a log into a LogParser: a file (stdin redirected from one counts) in chunks, or
// a stream as it comes. A long record log file is read with a second thread that reads
// its records ahead (parse/decode-thread.ts); the report is the same either way.

/** An input that cannot be read at all: the CLI exits 2 with this message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * The read-ahead thread, used for a regular file when the machine has two CPUs and the
 * file is at least READ_AHEAD_MIN bytes. For tests: `always` (whatever the file and the
 * CPUs), its `script`, `chunkBytes` (the bytes read at a time), and `fromStart` (the
 * main thread waits for the thread to read the first chunk, instead of reading
 * the first chunks itself while the thread starts).
 */
export interface ReadAhead {
  always?: boolean;
  script?: string;
  chunkBytes?: number;
  fromStart?: boolean;
}

const READ_BYTES = 1 << 20;
/** A smaller file is read in one thread: starting the second costs about what it saves on 8 MiB. */
const READ_AHEAD_MIN = 8 << 20;

export interface FeedOptions {
  /** What `-` reads (default: process.stdin). */
  stdin?: Readable | undefined;
  /** Whether a long file is read with a read-ahead thread (default: yes, see ReadAhead). */
  readAhead?: ReadAhead | false;
  /** Runs once the reading has started (the read-ahead thread starting, the first read under way), before the first chunk is parsed; whether there is a read-ahead thread. */
  beforeParse?: (readAhead: boolean) => void;
}

/** Reads `path` ('-': stdin) into `parser`; `what` names it in messages. */
export async function feed(parser: LogParser, path: string, what: string, options: FeedOptions = {}): Promise<LogFacts> {
  const { readAhead = {}, beforeParse = () => undefined } = options;
  if (path !== '-') return feedFile(parser, path, path, what, readAhead, beforeParse);
  const input = options.stdin ?? process.stdin;
  // Redirected from a file (`< log`): read as that file. Node's stdin stream ends as if
  // empty on a directory or a file that fails to read, which would pass for an empty log.
  if (input === process.stdin && stdinIsFile()) return feedFile(parser, '/dev/stdin', path, what, readAhead, beforeParse);
  beforeParse(false);
  return feedStream(parser, input, what, path);
}

function stdinIsFile(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFile() || stat.isDirectory();
  } catch {
    return false;
  }
}

/** `shown`: the name the messages give it. */
async function feedFile(parser: LogParser, path: string, shown: string, what: string, readAhead: ReadAhead | false, beforeParse: (readAhead: boolean) => void): Promise<LogFacts> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read the ${what} '${shown}': ${(e as Error).message}`);
  }
  const packed = await compression(file);
  if (packed !== undefined) {
    await file.close().catch(() => undefined);
    if (packed.name !== 'gzip') throw new InputError(`the ${what} '${shown}' is compressed with ${packed.name}; decompress it first (${packed.name} -dc FILE, into a file to give here or into modleak's stdin, -)`);
    // A rotated log (kern.log.2.gz): read as a stream, through gunzip.
    beforeParse(false);
    return feedStream(parser, createReadStream(path), what, shown);
  }
  const chunkBytes = readAhead === false ? READ_BYTES : readAhead.chunkBytes ?? READ_BYTES;
  let thread = await readAheadThread(file, readAhead, chunkBytes);
  // With a read-ahead thread, both read whole chunks at their place in the file (chunk n
  // at n * chunkBytes), and this thread says where it reads, the file's own position unused.
  const positioned = thread !== undefined;
  let bytes = 0;
  let index = 0;
  const failed = (message: string): LogFacts => {
    if (bytes === 0) throw new InputError(`cannot read the ${what} '${shown}': ${message}`);
    // Part of the log was read: analyse that part, and say it is only a part.
    return parser.end({ readError: `reading the ${what} '${shown}' failed after ${bytes} bytes: ${message}` });
  };
  try {
    beforeParse(thread !== undefined);
    for (;;) {
      // This thread reads until the read-ahead thread takes over (to the end without one).
      // Two buffers, reused: the next read runs (in libuv's thread pool) while this chunk
      // is parsed. The parser copies whatever it keeps.
      if (thread === undefined || (readAhead !== false && readAhead.fromStart !== true && thread.claim(index))) {
        const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
        let turn = 0;
        let pending = readChunk(file, buffers[0]!, positioned ? bytes : null);
        for (;;) {
          let got: number;
          try {
            got = await pending;
          } catch (e) {
            return failed((e as Error).message);
          }
          if (got === 0) return parser.end();
          bytes += got;
          index++;
          const current = buffers[turn]!;
          turn ^= 1;
          if (thread !== undefined && got < chunkBytes) {
            // The end of the file for now; should it grow, the next chunk no longer starts at
            // a multiple of chunkBytes: this thread reads the rest alone.
            thread.stop();
            thread = undefined;
          }
          const mine = thread === undefined || thread.claim(index);
          if (mine) pending = readChunk(file, buffers[turn]!, positioned ? bytes : null);
          parser.push(current.subarray(0, got));
          if (!mine) break;
        }
      }
      // The read-ahead thread reads from chunk `index` on (the loop above reads to the end without one).
      const helper = thread!;
      for (;;) {
        const step = await helper.next();
        if (step.type === 'chunk') {
          bytes += step.bytes.length;
          index++;
          parser.push(step.bytes, step.decoded);
          helper.release();
          continue;
        }
        if (step.type === 'end') return parser.end();
        if (step.type === 'read-error') return failed(step.message);
        // The thread itself failed: this one reads the rest.
        helper.stop();
        thread = undefined;
        break;
      }
    }
  } finally {
    thread?.stop();
    await file.close().catch(() => undefined);
  }
}

/** Magic numbers of the compressed forms a log may come in (each named as its tool is); gzip is read, the others named. */
const COMPRESSED = [
  { magic: [0x1f, 0x8b], name: 'gzip' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'xz' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'zstd' },
  { magic: [0x04, 0x22, 0x4d, 0x18], name: 'lz4' },
  // "BZh", the block size, then the first block's magic (pi's digits): "BZh" alone could start a text.
  ...[0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39].map((size) => ({ magic: [0x42, 0x5a, 0x68, size, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59], name: 'bzip2' })),
] as const;

type Compression = (typeof COMPRESSED)[number];

/** The compression the first bytes of a log show, if any. */
function packedBy(head: Uint8Array): Compression | undefined {
  return COMPRESSED.find(({ magic }) => head.length >= magic.length && magic.every((b, i) => head[i] === b));
}

/** The compression of a file, or undefined for a plain one (or one that cannot be read here: the reading says why). */
async function compression(file: FileHandle): Promise<Compression | undefined> {
  const head = Buffer.alloc(10);
  const got = await file.read(head, 0, head.length, 0).then((r) => r.bytesRead, () => 0);
  return packedBy(head.subarray(0, got));
}

/**
 * A stream's chunks as buffers; through gunzip when its first bytes are gzip's (`cat
 * kern.log.2.gz | modleak analyze -`). Another compression is an error that names it.
 */
async function* unpacked(stream: Readable): AsyncGenerator<Buffer> {
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string | Uint8Array>;
  const next = async (): Promise<Buffer | undefined> => {
    const r = await chunks.next();
    return r.done ? undefined : Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
  };
  const first = await next();
  if (first === undefined) return;
  const all = async function* (): AsyncGenerator<Buffer> {
    yield first;
    for (let chunk = await next(); chunk !== undefined; chunk = await next()) yield chunk;
  };
  const packed = packedBy(first);
  if (packed === undefined) {
    yield* all();
    return;
  }
  if (packed.name !== 'gzip') throw new Error(`it is compressed with ${packed.name}; decompress it first (${packed.name} -dc FILE, into a file to give here or into modleak's stdin, -)`);
  const gunzip = createGunzip();
  // pipeline: a read error of the source ends the gunzip stream with it, and so this loop.
  pipeline(Readable.from(all()), gunzip, () => undefined);
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/**
 * Reads into `buffer`: at `position`, as much as fits or is left (so chunk n starts at
 * n * chunkBytes); or, at null, whatever the file's next read gives (a pipe's, say).
 */
function readChunk(file: FileHandle, buffer: Buffer, position: number | null): Promise<number> {
  const read = position === null ? file.read(buffer, 0, buffer.length, null).then((r) => r.bytesRead) : readWhole(file, buffer, position);
  // Marked handled: a read still in flight when the parse stops must not crash the process.
  read.catch(() => undefined);
  return read;
}

async function readWhole(file: FileHandle, buffer: Buffer, position: number): Promise<number> {
  let length = 0;
  for (let got = -1; got !== 0 && length < buffer.length; length += got) {
    got = (await file.read(buffer, length, buffer.length - length, position + length)).bytesRead;
  }
  return length;
}

/** A read-ahead thread for `file` when it is wanted and worth one (see ReadAhead). */
async function readAheadThread(file: FileHandle, readAhead: ReadAhead | false, chunkBytes: number): Promise<DecodeThread | undefined> {
  if (readAhead === false || (readAhead.always !== true && availableParallelism() < 2)) return undefined;
  const script = readAhead.script ?? decodeWorkerScript();
  if (script === undefined) return undefined;
  const stat = await file.stat().catch(() => undefined);
  if (stat === undefined || !stat.isFile() || (readAhead.always !== true && stat.size < READ_AHEAD_MIN)) return undefined;
  return new DecodeThread(script, file.fd, chunkBytes);
}

/** The read-ahead thread's script: beside this bundle (dist/), or in the checkout's dist/ (tests run the sources). */
function decodeWorkerScript(): string | undefined {
  const beside = join(dirname(fileURLToPath(import.meta.url)), 'decode-worker.js');
  if (existsSync(beside)) return beside;
  try {
    const built = join(packageRoot(), 'dist', 'decode-worker.js');
    return existsSync(built) ? built : undefined;
  } catch {
    return undefined;
  }
}

async function feedStream(parser: LogParser, stream: Readable, what: string, path: string): Promise<LogFacts> {
  let bytes = 0;
  try {
    for await (const buffer of unpacked(stream)) {
      bytes += buffer.length;
      parser.push(buffer);
    }
  } catch (e) {
    if (bytes === 0) throw new InputError(`cannot read the ${what} '${path}': ${(e as Error).message}`);
    return parser.end({ readError: `reading the ${what} '${path}' failed after ${bytes} bytes: ${(e as Error).message}` });
  }
  return parser.end();
}

