#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 959:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  d: () => (/* reexport */ InputError),
  y: () => (/* binding */ analyzeLogs)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: ./src/match/api-table.ts + 1 modules
var api_table = __nccwpck_require__(575);
// EXTERNAL MODULE: ./src/match/matcher.ts + 2 modules
var match_matcher = __nccwpck_require__(560);
// EXTERNAL MODULE: ./src/match/pointer.ts
var pointer = __nccwpck_require__(604);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(136);
;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
// EXTERNAL MODULE: ./src/parse/decoded-chunk.ts
var decoded_chunk = __nccwpck_require__(361);
;// CONCATENATED MODULE: ./src/parse/decoded-slots.ts

// Where records written down wait for the log parser: per slot (a chunk at a time),
// the records; for the whole log, the heads and sites numbered and a few control words.
// The read-ahead thread (decode-thread.ts) and LocalDecoding (the warm-up, tests) use
// the same two classes over the same layout: V8 compiles the log parser's and the
// decoder's calls into them for one target each, so code warmed up on LocalDecoding's
// records is not thrown away at the thread's first chunk.
const DECODE_SLOTS = 4;
/** Bytes for the heads and sites the thread numbers (each with 3 bytes of kind and length). */
const NAME_BYTES = 1 << 20;
/** In the control words (32-bit). */
const decoded_slots_RELEASED = 0; // chunks of the thread's the log parser gave back
const decoded_slots_STOP = 1; // non-zero: stop
const MAIN_AT = 2; // the chunk the log parser is walking (-1 before the first)
const NAMES_END = 3; // bytes of the names written
const PREFIX = 4; // the writer's AddressLearning
const WIDTH = 5;
const decoded_slots_START = 6; // the next chunk the main thread will read itself; -1 - n: the thread reads from chunk n on
const WRITTEN = 7; // + slot: records written down of the slot's chunk
const CONTROL_WORDS = WRITTEN + DECODE_SLOTS;
/** The records of the chunk in one slot, as the log parser reads them. */
class SlotRecords {
    ints;
    numbers;
    control;
    names;
    slot;
    constructor(ints, numbers, control, names, slot) {
        this.ints = ints;
        this.numbers = numbers;
        this.control = control;
        this.names = names;
        this.slot = slot;
    }
    written() {
        return Atomics.load(this.control, WRITTEN + this.slot);
    }
    learnt() {
        return { prefixWord: Atomics.load(this.control, PREFIX), width: Atomics.load(this.control, WIDTH) };
    }
    namesFrom(from, learn) {
        const names = this.names;
        const end = Atomics.load(this.control, NAMES_END);
        let at = from;
        while (at < end) {
            const length = names[at + 1] | (names[at + 2] << 8);
            learn(names[at], names.subarray(at + 3, at + 3 + length));
            at += 3 + length;
        }
        return at;
    }
}
/** Writes a chunk's records down into its slot (the decoder's DecodeOutput). */
class decoded_slots_SlotWriter {
    control;
    names;
    ints = new Int32Array(0);
    numbers = new Float64Array(0);
    index = 0;
    slot = 0;
    /** At most this many records of a chunk (LocalDecoding's upTo), as if the log parser had reached it then. */
    limit = Number.POSITIVE_INFINITY;
    constructor(control, names) {
        this.control = control;
        this.names = names;
    }
    /** Chunk `index` of the log goes into `slot`, whose arrays are `ints` and `numbers`. */
    start(index, slot, ints, numbers, limit = Number.POSITIVE_INFINITY) {
        this.index = index;
        this.slot = slot;
        this.ints = ints;
        this.numbers = numbers;
        this.limit = limit;
        Atomics.store(this.control, WRITTEN + slot, 0);
    }
    name(kind, bytes) {
        const { control, names } = this;
        const at = Atomics.load(control, NAMES_END);
        if (at + 3 + bytes.length > names.length || bytes.length > 0xffff)
            return false;
        names[at] = kind;
        names[at + 1] = bytes.length & 0xff;
        names[at + 2] = bytes.length >> 8;
        names.set(bytes, at + 3);
        Atomics.store(control, NAMES_END, at + 3 + bytes.length);
        return true;
    }
    progress(count, learnt) {
        const control = this.control;
        if (control[PREFIX] !== learnt.prefixWord)
            Atomics.store(control, PREFIX, learnt.prefixWord);
        if (control[WIDTH] !== learnt.width)
            Atomics.store(control, WIDTH, learnt.width);
        const limit = this.limit;
        Atomics.store(control, WRITTEN + this.slot, count < limit ? count : limit);
        return count < limit && Atomics.load(control, MAIN_AT) < this.index && Atomics.load(control, decoded_slots_STOP) === 0;
    }
}
/** The control words (no chunk walked yet) and names of a log, in memory a thread can share. */
function sharedControl(nameBytes = NAME_BYTES) {
    const control = new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(control)[MAIN_AT] = -1;
    return { control, names: new SharedArrayBuffer(nameBytes) };
}
/** Room for the names of a log decoded in this thread: the warm-up's and the tests' are short. */
const LOCAL_NAME_BYTES = 1 << 16;
/**
 * Records written down in this thread (the warm-up, tests): the same hand-over as the
 * read-ahead thread's, through the same slots, without a second thread. A chunk's
 * records stay readable until DECODE_SLOTS more chunks are decoded.
 */
class LocalDecoding {
    decoder = new decoded_chunk/* ChunkDecoder */.EK();
    control;
    names;
    writer;
    chunks = 0;
    constructor() {
        const shared = sharedControl(LOCAL_NAME_BYTES);
        this.control = new Int32Array(shared.control);
        this.names = new Uint8Array(shared.names);
        this.writer = new decoded_slots_SlotWriter(this.control, this.names);
    }
    /** `chunk`'s records (as LogParser.push() gets it); `upTo`: at most this many, as a thread the log parser caught up with would. */
    decode(chunk, upTo = Number.POSITIVE_INFINITY) {
        const capacity = (0,decoded_chunk/* decodedCapacity */.n3)(chunk.length) + 1;
        const ints = new Int32Array(new SharedArrayBuffer(capacity * decoded_chunk/* DECODED_INTS */.S2 * Int32Array.BYTES_PER_ELEMENT));
        const numbers = new Float64Array(new SharedArrayBuffer(capacity * decoded_chunk/* DECODED_NUMBERS */._G * Float64Array.BYTES_PER_ELEMENT));
        const slot = this.chunks++ % DECODE_SLOTS;
        this.writer.start(0, slot, ints, numbers, upTo);
        this.decoder.decode(chunk, this.writer);
        return new SlotRecords(ints, numbers, this.control, this.names, slot);
    }
}

;// CONCATENATED MODULE: ./src/parse/decode-thread.ts




// The read-ahead thread (src/decode-worker.ts) and what it shares with the main thread:
// the thread reads a regular file chunk by chunk, each into one of a few shared slots,
// says that the chunk is there, and writes its records down (decoded-chunk.ts) until
// the log parser reaches the chunk. A slot is the thread's until it says the chunk is
// there, the log parser's until it gives the slot back: no chunk is copied, and at most
// SLOTS are read ahead, so memory stays the same however long the log is.
/**
 * What the two sides agree on. The thread's script is a file of its own beside the
 * bundle (dist/decode-worker.js): one left there by another build would write records
 * down another way, and the report would be wrong without a word.
 */
const PROTOCOL = `modleak ${version/* TOOL_VERSION */.w}: ${DECODE_SLOTS} slots, ${CONTROL_WORDS} control words, ${decoded_chunk/* DECODED_INTS */.S2} ints and ${decoded_chunk/* DECODED_NUMBERS */._G} numbers per record`;
/** Why the two sides part: the thread's PROTOCOL (undefined: it said none) is not the main thread's. */
function anotherBuild(thread, main) {
    const which = thread === undefined ? `it did not say which; the main one has '${main}'` : `it has '${thread}', the main one '${main}'`;
    return `the read-ahead thread's script is from another build than the main one's (${which}); the log is read in one thread`;
}
function slotViews(data) {
    return data.slots.map((s) => ({ bytes: Buffer.from(s.bytes), ints: new Int32Array(s.ints), numbers: new Float64Array(s.numbers) }));
}
/** The main thread's side. */
class DecodeThread {
    worker;
    control;
    views;
    chunks;
    queue = [];
    waiting;
    finished = false;
    /** Starts reading the regular file open at `fd` from its first byte, `readBytes` at a time, in the worker script at `script`. */
    constructor(script, fd, readBytes) {
        const capacity = (0,decoded_chunk/* decodedCapacity */.n3)(readBytes);
        const data = {
            protocol: PROTOCOL,
            fd,
            readBytes,
            slots: Array.from({ length: DECODE_SLOTS }, () => ({
                bytes: new SharedArrayBuffer(readBytes),
                ints: new SharedArrayBuffer(capacity * decoded_chunk/* DECODED_INTS */.S2 * Int32Array.BYTES_PER_ELEMENT),
                numbers: new SharedArrayBuffer(capacity * decoded_chunk/* DECODED_NUMBERS */._G * Float64Array.BYTES_PER_ELEMENT),
            })),
            ...sharedControl(),
        };
        const control = this.control = new Int32Array(data.control);
        const names = new Uint8Array(data.names);
        this.views = slotViews(data);
        this.chunks = this.views.map((view, slot) => new SlotRecords(view.ints, view.numbers, control, names, slot));
        // None of the options Node was started with: the thread needs none, and some stop it
        // from starting (`--input-type`, which a wrapper run with `node -e` carries).
        this.worker = new external_node_worker_threads_namespaceObject.Worker(script, { workerData: data, execArgv: [] });
        this.worker.on('message', (message) => {
            const step = this.step(message);
            if (step !== undefined)
                this.deliver(step);
        });
        this.worker.on('error', (e) => this.deliver({ type: 'failed', message: e.message }));
        this.worker.on('exit', (code) => this.deliver({ type: 'failed', message: `the read-ahead thread stopped (exit code ${code})` }));
    }
    /**
     * Whether the main thread reads chunk `index` itself (it reads from the first chunk on,
     * while the thread starts); false once the thread has taken over: next() gives chunk
     * `index` and the ones after it.
     */
    claim(index) {
        return Atomics.compareExchange(this.control, decoded_slots_START, index, index + 1) === index;
    }
    /** The next chunk, in file order (the log parser walks it from now on), or how the reading ended. */
    next() {
        const step = this.queue.shift();
        if (step !== undefined)
            return Promise.resolve(this.hand(step));
        return new Promise((resolve) => {
            this.waiting = resolve;
        });
    }
    /** The log parser is done with the last chunk next() gave: its slot may be read into again. */
    release() {
        Atomics.add(this.control, decoded_slots_RELEASED, 1);
        Atomics.notify(this.control, decoded_slots_RELEASED);
    }
    /** Ends the thread, whether or not it finished (without waiting: a thread that said the end is ending by itself). */
    stop() {
        this.finished = true;
        Atomics.store(this.control, decoded_slots_STOP, 1);
        Atomics.notify(this.control, decoded_slots_RELEASED);
        this.worker.unref();
        this.worker.terminate().catch(() => undefined);
    }
    /** The thread said its PROTOCOL, and it is this thread's. */
    agreed = false;
    /** What the thread's message means here (nothing, for a hello that agrees). */
    step(message) {
        if (message.type === 'hello') {
            this.agreed = message.protocol === PROTOCOL;
            return this.agreed ? undefined : { type: 'failed', message: anotherBuild(message.protocol, PROTOCOL) };
        }
        // A script from before the hello was part of the protocol says none.
        if (!this.agreed)
            return { type: 'failed', message: anotherBuild(undefined, PROTOCOL) };
        if (message.type !== 'chunk')
            return message;
        return { type: 'chunk', index: message.index, bytes: this.views[message.slot].bytes.subarray(0, message.length), decoded: this.chunks[message.slot] };
    }
    /** A step as next() gives it: the thread leaves a chunk to the log parser from now on. */
    hand(step) {
        if (step.type === 'chunk')
            Atomics.store(this.control, MAIN_AT, step.index);
        return step;
    }
    deliver(step) {
        // After the end or a read error, the thread's exit says nothing more.
        if (this.finished)
            return;
        if (step.type !== 'chunk')
            this.finished = true;
        const waiting = this.waiting;
        if (waiting !== undefined) {
            this.waiting = undefined;
            waiting(this.hand(step));
        }
        else {
            this.queue.push(step);
        }
    }
}
/**
 * The thread's side (src/decode-worker.ts runs it): takes the reading over from the main
 * thread, reads the file chunk by chunk into the slots given back, says each chunk is
 * there, and writes its records down until the log parser reaches it.
 */
function readAhead(data, say, read, decoder) {
    // Thrown, the thread fails before it takes a chunk over: the main thread reads the log itself.
    if (data.protocol !== PROTOCOL)
        throw new Error(anotherBuild(PROTOCOL, data.protocol));
    say({ type: 'hello', protocol: PROTOCOL });
    const control = new Int32Array(data.control);
    const names = new Uint8Array(data.names);
    const views = slotViews(data);
    const output = new SlotWriter(control, names);
    let index = 0;
    // Take over from the first chunk the main thread has not started reading.
    for (;;) {
        if (Atomics.load(control, STOP) !== 0)
            return;
        const next = Atomics.load(control, START);
        if (Atomics.compareExchange(control, START, next, -1 - next) === next) {
            index = next;
            break;
        }
    }
    const first = index;
    const before = Buffer.alloc(1);
    let position = index * data.readBytes;
    try {
        decoder.startAt(index === 0, position > 0 && read(data.fd, before, position - 1) === 1 && before[0] !== 10);
    }
    catch (e) {
        say({ type: 'read-error', message: e.message });
        return;
    }
    for (;; index++) {
        // The slot of chunk index - SLOTS must have been given back.
        for (let released = Atomics.load(control, RELEASED); index - first - released >= views.length; released = Atomics.load(control, RELEASED)) {
            if (Atomics.load(control, STOP) !== 0)
                return;
            Atomics.wait(control, RELEASED, released);
        }
        if (Atomics.load(control, STOP) !== 0)
            return;
        const slot = index % views.length;
        const view = views[slot];
        let length = 0;
        try {
            // Whole chunks, so that chunk n starts at n * readBytes whoever reads it.
            for (let got = -1; got !== 0 && length < view.bytes.length; length += got)
                got = read(data.fd, view.bytes.subarray(length), position + length);
        }
        catch (e) {
            say({ type: 'read-error', message: e.message });
            return;
        }
        if (length === 0) {
            say({ type: 'end' });
            return;
        }
        position += length;
        output.start(index, slot, view.ints, view.numbers);
        say({ type: 'chunk', index, slot, length });
        decoder.decode(view.bytes.subarray(0, length), output);
    }
}

// EXTERNAL MODULE: ./src/paths.ts
var paths = __nccwpck_require__(431);
;// CONCATENATED MODULE: ./src/read-log.ts









// Reads a log into a LogParser: a file (stdin redirected from one counts) in chunks, or
// a stream as it comes. A long record log file is read with a second thread that reads
// its records ahead (parse/decode-thread.ts); the report is the same either way.
/** An input that cannot be read at all: the CLI exits 2 with this message. */
class InputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InputError';
    }
}
const READ_BYTES = 1 << 20;
/** A smaller file is read in one thread: starting the second costs about what it saves on 8 MiB. */
const READ_AHEAD_MIN = 8 << 20;
/** Reads `path` ('-': stdin) into `parser`; `what` names it in messages. */
async function feed(parser, path, what, options = {}) {
    const { readAhead = {}, beforeParse = () => undefined } = options;
    if (path !== '-')
        return feedFile(parser, path, path, what, readAhead, beforeParse);
    const input = options.stdin ?? process.stdin;
    // Redirected from a file (`< log`): read as that file. Node's stdin stream ends as if
    // empty on a directory or a file that fails to read, which would pass for an empty log.
    if (input === process.stdin && stdinIsFile())
        return feedFile(parser, '/dev/stdin', path, what, readAhead, beforeParse);
    beforeParse(false);
    return feedStream(parser, input, what, path);
}
function stdinIsFile() {
    try {
        const stat = (0,external_node_fs_.fstatSync)(0);
        return stat.isFile() || stat.isDirectory();
    }
    catch {
        return false;
    }
}
/** `shown`: the name the messages give it. */
async function feedFile(parser, path, shown, what, readAhead, beforeParse) {
    let file;
    try {
        file = await (0,promises_.open)(path, 'r');
    }
    catch (e) {
        throw new InputError(`cannot read the ${what} '${shown}': ${e.message}`);
    }
    const packed = await compression(file);
    if (packed !== undefined) {
        await file.close().catch(() => undefined);
        if (packed.name !== 'gzip')
            throw new InputError(`the ${what} '${shown}' is compressed with ${packed.name}; decompress it first (${packed.name} -dc FILE, into a file to give here or into modleak's stdin, -)`);
        // A rotated log (kern.log.2.gz): read as a stream, through gunzip.
        beforeParse(false);
        return feedStream(parser, (0,external_node_fs_.createReadStream)(path), what, shown);
    }
    const chunkBytes = readAhead === false ? READ_BYTES : readAhead.chunkBytes ?? READ_BYTES;
    let thread = await readAheadThread(file, readAhead, chunkBytes);
    // With a read-ahead thread, both read whole chunks at their place in the file (chunk n
    // at n * chunkBytes), and this thread says where it reads, the file's own position unused.
    const positioned = thread !== undefined;
    let bytes = 0;
    let index = 0;
    const failed = (message) => {
        if (bytes === 0)
            throw new InputError(`cannot read the ${what} '${shown}': ${message}`);
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
                let pending = readChunk(file, buffers[0], positioned ? bytes : null);
                for (;;) {
                    let got;
                    try {
                        got = await pending;
                    }
                    catch (e) {
                        return failed(e.message);
                    }
                    if (got === 0)
                        return parser.end();
                    bytes += got;
                    index++;
                    const current = buffers[turn];
                    turn ^= 1;
                    if (thread !== undefined && got < chunkBytes) {
                        // The end of the file for now; should it grow, the next chunk no longer starts at
                        // a multiple of chunkBytes: this thread reads the rest alone.
                        thread.stop();
                        thread = undefined;
                    }
                    const mine = thread === undefined || thread.claim(index);
                    if (mine)
                        pending = readChunk(file, buffers[turn], positioned ? bytes : null);
                    parser.push(current.subarray(0, got));
                    if (!mine)
                        break;
                }
            }
            // The read-ahead thread reads from chunk `index` on (the loop above reads to the end without one).
            const helper = thread;
            for (;;) {
                const step = await helper.next();
                if (step.type === 'chunk') {
                    bytes += step.bytes.length;
                    index++;
                    parser.push(step.bytes, step.decoded);
                    helper.release();
                    continue;
                }
                if (step.type === 'end')
                    return parser.end();
                if (step.type === 'read-error')
                    return failed(step.message);
                // The thread itself failed: this one reads the rest.
                helper.stop();
                thread = undefined;
                break;
            }
        }
    }
    finally {
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
];
/** The compression the first bytes of a log show, if any. */
function packedBy(head) {
    return COMPRESSED.find(({ magic }) => head.length >= magic.length && magic.every((b, i) => head[i] === b));
}
/** The compression of a file, or undefined for a plain one (or one that cannot be read here: the reading says why). */
async function compression(file) {
    const head = Buffer.alloc(10);
    const got = await file.read(head, 0, head.length, 0).then((r) => r.bytesRead, () => 0);
    return packedBy(head.subarray(0, got));
}
/**
 * A stream's chunks as buffers; through gunzip when its first bytes are gzip's (`cat
 * kern.log.2.gz | modleak analyze -`). Another compression is an error that names it.
 */
async function* unpacked(stream) {
    const chunks = stream[Symbol.asyncIterator]();
    const next = async () => {
        const r = await chunks.next();
        return r.done ? undefined : Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value);
    };
    const first = await next();
    if (first === undefined)
        return;
    const all = async function* () {
        yield first;
        for (let chunk = await next(); chunk !== undefined; chunk = await next())
            yield chunk;
    };
    const packed = packedBy(first);
    if (packed === undefined) {
        yield* all();
        return;
    }
    if (packed.name !== 'gzip')
        throw new Error(`it is compressed with ${packed.name}; decompress it first (${packed.name} -dc FILE, into a file to give here or into modleak's stdin, -)`);
    const gunzip = (0,external_node_zlib_namespaceObject.createGunzip)();
    // pipeline: a read error of the source ends the gunzip stream with it, and so this loop.
    (0,external_node_stream_namespaceObject.pipeline)(external_node_stream_namespaceObject.Readable.from(all()), gunzip, () => undefined);
    for await (const chunk of gunzip)
        yield chunk;
}
/**
 * Reads into `buffer`: at `position`, as much as fits or is left (so chunk n starts at
 * n * chunkBytes); or, at null, whatever the file's next read gives (a pipe's, say).
 */
function readChunk(file, buffer, position) {
    const read = position === null ? file.read(buffer, 0, buffer.length, null).then((r) => r.bytesRead) : readWhole(file, buffer, position);
    // Marked handled: a read still in flight when the parse stops must not crash the process.
    read.catch(() => undefined);
    return read;
}
async function readWhole(file, buffer, position) {
    let length = 0;
    for (let got = -1; got !== 0 && length < buffer.length; length += got) {
        got = (await file.read(buffer, length, buffer.length - length, position + length)).bytesRead;
    }
    return length;
}
/** A read-ahead thread for `file` when it is wanted and worth one (see ReadAhead). */
async function readAheadThread(file, readAhead, chunkBytes) {
    if (readAhead === false || (readAhead.always !== true && (0,external_node_os_.availableParallelism)() < 2))
        return undefined;
    const script = readAhead.script ?? decodeWorkerScript();
    if (script === undefined)
        return undefined;
    const stat = await file.stat().catch(() => undefined);
    if (stat === undefined || !stat.isFile() || (readAhead.always !== true && stat.size < READ_AHEAD_MIN))
        return undefined;
    return new DecodeThread(script, file.fd, chunkBytes);
}
/** The read-ahead thread's script: beside this bundle (dist/), or in the checkout's dist/ (tests run the sources). */
function decodeWorkerScript() {
    const beside = (0,external_node_path_.join)((0,external_node_path_.dirname)((0,external_node_url_.fileURLToPath)(import.meta.url)), 'decode-worker.js');
    if ((0,external_node_fs_.existsSync)(beside))
        return beside;
    try {
        const built = (0,external_node_path_.join)((0,paths/* packageRoot */.Zl)(), 'dist', 'decode-worker.js');
        return (0,external_node_fs_.existsSync)(built) ? built : undefined;
    }
    catch {
        return undefined;
    }
}
async function feedStream(parser, stream, what, path) {
    let bytes = 0;
    try {
        for await (const buffer of unpacked(stream)) {
            bytes += buffer.length;
            parser.push(buffer);
        }
    }
    catch (e) {
        if (bytes === 0)
            throw new InputError(`cannot read the ${what} '${path}': ${e.message}`);
        return parser.end({ readError: `reading the ${what} '${path}' failed after ${bytes} bytes: ${e.message}` });
    }
    return parser.end();
}

// EXTERNAL MODULE: ./src/parse/log-parser.ts + 5 modules
var log_parser = __nccwpck_require__(173);
// EXTERNAL MODULE: ./src/report/build.ts + 2 modules
var build = __nccwpck_require__(584);
;// CONCATENATED MODULE: ./src/report/diagnostics.ts
const DEFAULT_CAP = 20;
/**
 * Collects diagnostics with a cap per kind, so a log with a million bad lines keeps
 * memory flat: the first `cap` of each kind are kept, the rest are only counted.
 */
class DiagnosticLog {
    cap;
    kept = [];
    counts = new Map();
    constructor(cap = DEFAULT_CAP) {
        this.cap = cap;
    }
    /** `kind` groups diagnostics for the cap; `what` names the kind in the "N more" line. */
    add(kind, diagnostic, what = kind) {
        const entry = this.counts.get(kind) ?? { total: 0, severity: diagnostic.severity, what, file: diagnostic.file };
        entry.total++;
        this.counts.set(kind, entry);
        if (entry.total <= this.cap)
            this.kept.push(diagnostic);
    }
    count(kind) {
        return this.counts.get(kind)?.total ?? 0;
    }
    /** The kept diagnostics, errors first, each capped kind followed by its "and N more" line. */
    list() {
        const out = [...this.kept];
        for (const entry of this.counts.values()) {
            if (entry.total > this.cap) {
                out.push({
                    severity: entry.severity,
                    message: `${entry.total - this.cap} more ${entry.what} diagnostic(s) not shown (${entry.total} in all)`,
                    ...(entry.file !== undefined ? { file: entry.file } : {}),
                });
            }
        }
        const rank = { error: 0, warning: 1, info: 2 };
        return out.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.i - b.i).map((x) => x.d);
    }
}

// EXTERNAL MODULE: ./src/report/suppressions.ts
var suppressions = __nccwpck_require__(104);
// EXTERNAL MODULE: ./src/run/classify.ts
var classify = __nccwpck_require__(335);
;// CONCATENATED MODULE: ./src/warm-up.ts

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
const PAIRS = [['kmalloc', 'kfree'], ['kzalloc', 'kfree'], ['vmalloc', 'vfree']];
/** Call sites: each head (module, kind, API) keeps to one at first, then goes round them all. */
const SITES = Array.from({ length: 8 }, (_, j) => `drivers/warm/part${j % 4}.c:${40 + 7 * j} warm_op${j}`);
function address(k) {
    return 'ffff8880' + (0x3a00000 + 0x40 * k).toString(16).padStart(8, '0');
}
/**
 * The log, in /dev/kmsg form, cut into reads the way a long log is: one read ends inside
 * a record's address, one inside its call site.
 */
function warmUpChunks() {
    let seq = 1;
    const record = (level, module, text) => `${level},${seq++},${seq},-;modleak1 ${module} ${text}\n`;
    const moduleOf = (k) => MODULES[k % MODULES.length];
    const lines = MODULES.map((module) => record(6, module, 'BEGIN'));
    for (let k = 0; k < LIVE; k++) {
        const [alloc] = PAIRS[k % PAIRS.length];
        const site = k < LIVE / 2 ? k % PAIRS.length : Math.floor(k / (MODULES.length * PAIRS.length)) % SITES.length;
        lines.push(record(7, moduleOf(k), `A ${alloc} ${address(k)} ${16 + k} ${SITES[site]}`));
    }
    // Freed in another order than allocated, so removals shift collided neighbours back.
    for (let k = 0; k < LIVE; k++) {
        const j = (k * 7) % LIVE;
        const [, free] = PAIRS[j % PAIRS.length];
        lines.push(record(7, moduleOf(j), `F ${free} ${address(j)} drivers/warm/warm.c:88 warm_release`));
    }
    for (const module of MODULES)
        lines.push(record(6, module, 'END'));
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
function warmUp(pipeline, readAhead) {
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

;// CONCATENATED MODULE: ./src/analyze.ts












async function analyzeLogs(input, options = {}) {
    const diagnostics = new DiagnosticLog();
    const recordName = input.records === '-' ? '<stdin>' : input.records;
    const suppressions = [];
    for (const file of options.suppressionsFiles ?? [])
        suppressions.push(...await loadSuppressions(file, diagnostics));
    for (const pair of options.pairs ?? []) {
        const problem = (0,api_table/* kernelPairProblem */.tL)(pair);
        if (problem === undefined)
            continue;
        diagnostics.add('kernel-pair', {
            severity: 'warning', file: recordName, field: 'pair',
            message: `the declared pair ${pair.alloc}:${pair.free} is applied as given, but ${problem}. Declare pairs for your OSAL's own functions only`,
        });
    }
    // The console first: the kernel its banner names decides the verdicts until the record log names one.
    let consoleFacts;
    if (input.console !== undefined) {
        const consoleParser = new log_parser/* LogParser */.gg({ file: input.console, records: false, diagnostics }, () => undefined);
        consoleFacts = await feed(consoleParser, input.console, 'console log', { stdin: options.stdin, readAhead: false });
    }
    const { parser, matcher } = recordPipeline(recordName, diagnostics, {
        modules: options.modules ?? [], pairs: options.pairs ?? [], consoleRelease: consoleFacts?.kernelRelease, fromFirstRecord: options.capturedByRun ?? false,
    });
    // The warm-up runs while the read-ahead thread starts.
    const records = await feed(parser, input.records, 'record log', {
        stdin: options.stdin, readAhead: options.readAhead ?? {},
        beforeParse: (readAhead) => warmUp(() => recordPipeline('warm-up', new DiagnosticLog(), { modules: [], pairs: options.pairs ?? [], reorderWindow: 1 }), readAhead),
    });
    const report = (0,build/* buildReport */.FK)({
        match: matcher.finish(),
        records,
        ...(consoleFacts ? { console: consoleFacts } : {}),
        requireEndMarker: options.requireEndMarker ?? true,
        suppressions,
        diagnostics,
        requestedModules: options.modules ?? [],
        recordLogName: recordName,
        headerInjected: options.headerInjected ?? false,
        capturedByRun: options.capturedByRun ?? false,
        ...(options.headerless ? { headerless: options.headerless } : {}),
        pairs: options.pairs ?? [],
    });
    // A run's saved logs analysed again: `modleak run` classifies its own (classify.ts).
    return consoleFacts && !options.capturedByRun ? (0,classify/* withRunnerOutcome */.Hf)(report, consoleFacts.runnerLines) : report;
}
/** The parser and the matcher it feeds, for the record log. */
function recordPipeline(file, diagnostics, { modules, pairs, reorderWindow, consoleRelease, fromFirstRecord = false }) {
    const pointers = new pointer/* PointerKeys */.Yq();
    let parser;
    const matcher = new match_matcher/* Matcher */.P({ pairs, diagnostics, file, lostSoFar: () => parser?.lostSoFar ?? 0, pointers });
    if (consoleRelease !== undefined)
        matcher.setKernelRelease(consoleRelease);
    parser = new log_parser/* LogParser */.gg({
        file, modules, records: true, diagnostics, pointers, onKernelRelease: (release) => matcher.setKernelRelease(release ?? consoleRelease), reorderWindow, fromFirstRecord,
    }, (event) => matcher.apply(event), matcher);
    return { parser, matcher };
}
async function loadSuppressions(path, diagnostics) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new InputError(`cannot read the suppressions file '${path}': ${e.message}`);
    }
    return (0,suppressions/* parseSuppressions */.Q9)(text, path, diagnostics);
}


/***/ }),

/***/ 581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(957);

// A reader that stops early (`| head`, `| true`) closes the pipe: the rest of the report
// is not wanted then, but the exit status (the gate) still is.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
        if (e.code !== 'EPIPE')
            throw e;
    });
}
process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .a)(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 369:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  d$: () => (/* binding */ REPORT_FLAGS),
  eb: () => (/* binding */ UsageError),
  k5: () => (/* binding */ analyzeCommand),
  CI: () => (/* binding */ formatReport),
  _8: () => (/* binding */ joinNegativeValues),
  C3: () => (/* binding */ parseBudgets),
  Xc: () => (/* binding */ parseFormat),
  Ar: () => (/* binding */ parsePair),
  b1: () => (/* binding */ versionLine)
});

// UNUSED EXPORTS: FORMATS, parseCount

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(975);
// EXTERNAL MODULE: ./src/analyze.ts + 8 modules
var analyze = __nccwpck_require__(959);
// EXTERNAL MODULE: ./src/report/gate.ts
var gate = __nccwpck_require__(347);
// EXTERNAL MODULE: ./src/report/markdown.ts + 1 modules
var markdown = __nccwpck_require__(158);
// EXTERNAL MODULE: ./src/report/schema.ts
var schema = __nccwpck_require__(327);
;// CONCATENATED MODULE: ./src/report/text.ts

const MAX_CRASH_LINES_SHOWN = 40;
function renderText(report, options = {}) {
    const paint = (code) => (text) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
    const red = paint('1;31');
    const yellow = paint('33');
    const dim = paint('2');
    const bold = paint('1');
    const out = [];
    const s = report.summary;
    const statusColor = report.status === 'ok' ? paint('32') : red;
    out.push(`${bold('modleak')} ${report.tool.version}: status ${statusColor(report.status)}: ${safe(report.statusReason)}`);
    const facts = [`kernel ${safe(report.kernel.release ?? 'unknown')}`, `module(s) ${report.modules.length ? report.modules.map(safe).join(', ') : 'none seen'}`];
    out.push(dim(facts.join('; ')));
    for (const crash of report.crashes)
        out.push('', ...crashLines(crash, red, dim));
    const leaks = report.leaks.filter((l) => !l.suppressed);
    for (const leak of leaks)
        out.push('', ...leakLines(leak, leak.kind === 'leak' ? red : yellow, dim));
    const bad = report.badFrees.filter((b) => !b.suppressed);
    for (const b of bad)
        out.push('', ...badFreeLines(b, red, dim));
    const hidden = report.leaks.filter((l) => l.suppressed).length + report.badFrees.filter((b) => b.suppressed).length;
    if (report.suppressions.length > 0) {
        out.push('', `Suppressed ${hidden} finding(s):`);
        for (const u of report.suppressions) {
            out.push(`    ${safe(u.rule)} (${safe(u.file)}:${u.line}): ${u.leakGroups} leak group(s), ${u.leakedObjects} object(s), ${u.leakedBytes} byte(s); ${u.badFrees} bad free(s)`);
        }
    }
    if (report.diagnostics.length > 0) {
        out.push('', 'Diagnostics:');
        for (const d of report.diagnostics) {
            const where = diagnosticPlace(d.file, d.line, d.message);
            const tag = d.severity === 'error' ? red('error') : d.severity === 'warning' ? yellow('warning') : dim('info');
            out.push(`    ${tag}: ${where}${safe(d.message)}`);
        }
    }
    const peak = s.peakAt ? ` (at log line ${s.peakAt.logLine})` : '';
    const suppressed = s.suppressedLeakedObjects + s.suppressedBadFrees > 0 ? `; suppressed: ${s.suppressedLeakedObjects} object(s), ${s.suppressedBadFrees} bad free(s)` : '';
    out.push('', bold(`SUMMARY: modleak: ${s.leakedBytes} byte(s) leaked in ${s.leakedObjects} allocation(s) at ${s.leakSites} site(s); ${s.badFrees} bad free(s)${liveAtEnd(s)}.`), `    ${s.allocations} allocation(s), ${s.frees} free(s), ${s.failedAllocations} failed allocation(s); peak ${s.peakLiveBytes} byte(s) live${peak}; ${s.lostRecords} record(s) lost${suppressed}.`);
    return out.join('\n') + '\n';
}
/** The objects a run that did not finish left allocated: not called leaks, but not nothing either. */
function liveAtEnd(s) {
    return s.liveAtEndObjects > 0 ? `; ${s.liveAtEndBytes} byte(s) in ${s.liveAtEndObjects} object(s) live at end (run did not finish)` : '';
}
function leakLines(leak, color, dim) {
    const lines = [color(safe(leak.message)), dim(`    module ${safe(leak.module)}, fingerprint ${leak.fingerprint}`)];
    leak.samples.forEach((sample, i) => {
        lines.push(`    #${i} ${safe(sample.ptr)} (${sample.size} byte(s)) allocated at log line ${sample.logLine}${sample.seq !== undefined ? `, kmsg seq ${sample.seq}` : ''}`);
    });
    if (leak.objects > leak.samples.length)
        lines.push(dim(`    ... and ${leak.objects - leak.samples.length} more object(s)`));
    return lines;
}
function badFreeLines(b, color, dim) {
    const lines = [color(`ERROR: ${b.kind}: ${safe(b.message)}`), dim(`    module ${safe(b.module)}, log line ${b.logLine}, fingerprint ${b.fingerprint}`)];
    if (b.previousFree)
        lines.push(`    previously freed via ${safe(b.previousFree.api)} at ${siteText(b.previousFree.site)} (log line ${b.previousFree.logLine})`);
    if (b.allocation)
        lines.push(`    allocated via ${safe(b.allocation.api)} (${b.allocation.size} byte(s)) at ${siteText(b.allocation.site)} (log line ${b.allocation.logLine})`);
    return lines;
}
function crashLines(crash, color, dim) {
    const lines = [color(`Kernel ${crash.kind} at ${(0,schema/* crashPlace */.P)(crash)}: ${safe(crash.title)}`)];
    for (const line of crash.lines.slice(0, MAX_CRASH_LINES_SHOWN))
        lines.push(`    ${safe(line)}`);
    if (crash.lines.length > MAX_CRASH_LINES_SHOWN)
        lines.push(dim(`    ... ${crash.lines.length - MAX_CRASH_LINES_SHOWN} more line(s)`));
    return lines;
}
/** Where a diagnostic is, unless its message already says so. */
function diagnosticPlace(file, line, message) {
    if (file === undefined)
        return '';
    if (line === undefined)
        return `${safe(file)}: `;
    if (message.includes(`${file}:${line}`))
        return '';
    if (message.startsWith(`line ${line}:`))
        return `${safe(file)}: `;
    return `${safe(file)}:${line}: `;
}
function siteText(site) {
    return `${safe(site.file)}:${site.line} in ${safe(site.function)}()`;
}
/** Control characters (ESC included) from the log become '?'. */
function safe(text) {
    return text.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '?');
}

// EXTERNAL MODULE: ./src/settings/values.ts
var settings_values = __nccwpck_require__(535);
// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
;// CONCATENATED MODULE: ./src/cli/analyze-command.ts








const USAGE = `usage: modleak analyze LOG [options]

Matches the modleak1 allocation/free records in a kernel log (raw /dev/kmsg records,
dmesg or console text; - reads stdin) and reports leaks and bad frees.

options:
  --console FILE           serial console log: scanned for crashes and dropped messages
  --module NAME            only this module's records (repeatable)
  --no-require-end         a log without END markers (dmesg from real hardware): objects
                           live at the end of the log are leaks instead of "incomplete"
  --format text|json|markdown   output format (default text)
  --out FILE               write the report to FILE instead of stdout
  --suppressions FILE      suppressions file (see docs/analyze.md); repeatable
  --pair ALLOC:FREE        a custom allocator pair, e.g. osal_alloc:osal_free (repeatable)
  --max-leaks N            leaked objects allowed (default 0)
  --max-leaked-bytes N     leaked bytes allowed (default: no byte budget)
  --max-bad-frees N        bad frees allowed (default 0)

exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage, unreadable input
or an --out file that cannot be written, 3 the run did not finish cleanly (crash,
incomplete log).
`;
class UsageError extends Error {
}
const FORMATS = ['text', 'json', 'markdown'];
/** A non-negative integer flag value, or a UsageError naming the flag and the value. */
function parseCount(flag, value) {
    if (value === undefined)
        return undefined;
    const count = (0,settings_values/* wholeNumber */.rD)(value);
    if (count === undefined)
        throw new UsageError(`--${flag} '${value}' is not a non-negative whole number up to ${Number.MAX_SAFE_INTEGER} (e.g. --${flag} 0)`);
    return count;
}
function parsePair(value) {
    const pair = (0,settings_values/* apiPair */.z6)(value);
    if (!pair)
        throw new UsageError(`--pair '${value}' is not ALLOC:FREE with two C function names (e.g. --pair osal_alloc:osal_free)`);
    return pair;
}
function parseFormat(value) {
    if (value === undefined)
        return 'text';
    if (!FORMATS.includes(value))
        throw new UsageError(`--format '${value}' is not one of ${FORMATS.join(', ')}`);
    return value;
}
function parseBudgets(values) {
    const maxLeakedBytes = parseCount('max-leaked-bytes', values['max-leaked-bytes']);
    return {
        maxLeaks: parseCount('max-leaks', values['max-leaks']) ?? 0,
        maxBadFrees: parseCount('max-bad-frees', values['max-bad-frees']) ?? 0,
        ...(maxLeakedBytes === undefined ? {} : { maxLeakedBytes }),
    };
}
function formatReport(report, format, color) {
    switch (format) {
        case 'json':
            return JSON.stringify(report, null, 2) + '\n';
        case 'markdown':
            return (0,markdown/* renderMarkdown */.G)(report);
        case 'text':
            return renderText(report, { color });
    }
}
/** The flags `analyze` and `run` share: how the report is matched, judged and printed. */
const REPORT_FLAGS = {
    format: { type: 'string' },
    suppressions: { type: 'string', multiple: true },
    pair: { type: 'string', multiple: true },
    'max-leaks': { type: 'string' },
    'max-leaked-bytes': { type: 'string' },
    'max-bad-frees': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
};
/**
 * `--max-leaks -1` as `--max-leaks=-1`: a negative number then reaches the option's own
 * check, whose message says what is accepted (parseArgs calls it "ambiguous").
 */
function joinNegativeValues(args, options) {
    const joined = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--')
            return [...joined, ...args.slice(i)];
        if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) {
            joined.push(`${arg}=${args[++i]}`);
        }
        else {
            joined.push(arg);
        }
    }
    return joined;
}
function versionLine() {
    return `modleak ${version/* TOOL_VERSION */.w}\n`;
}
async function analyzeCommand(args, io) {
    const options = {
        console: { type: 'string' },
        module: { type: 'string', multiple: true },
        'no-require-end': { type: 'boolean' },
        out: { type: 'string' },
        ...REPORT_FLAGS,
    };
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: joinNegativeValues(args, options), allowPositionals: true, options });
    }
    catch (e) {
        io.stderr.write(`modleak analyze: ${e.message}\n\n${USAGE}`);
        return gate/* EXIT */.d.usage;
    }
    const { values, positionals } = parsed;
    if (values.help) {
        io.stdout.write(USAGE);
        return gate/* EXIT */.d.ok;
    }
    if (values.version) {
        io.stdout.write(versionLine());
        return gate/* EXIT */.d.ok;
    }
    let format;
    let budgets;
    let pairs;
    let modules;
    try {
        if (positionals.length !== 1) {
            throw new UsageError(positionals.length === 0 ? 'expected one LOG argument (a file, or - for stdin); got none' : `expected one LOG argument; got ${positionals.length}: ${positionals.join(' ')}`);
        }
        if (positionals[0] === '-' && values.console === '-') {
            throw new UsageError('LOG and --console cannot both be read from stdin (-): give one of them as a file');
        }
        format = parseFormat(values.format);
        budgets = parseBudgets(values);
        pairs = (values.pair ?? []).map(parsePair);
        modules = (values.module ?? []).map((text) => {
            const name = (0,settings_values/* moduleName */.AO)(text);
            if (name === undefined)
                throw new UsageError(`--module '${text}' is not a kernel module name (letters, digits, _ and -)`);
            return name;
        });
    }
    catch (e) {
        if (!(e instanceof UsageError))
            throw e;
        io.stderr.write(`modleak analyze: ${e.message}\n\n${USAGE}`);
        return gate/* EXIT */.d.usage;
    }
    let report;
    try {
        report = await (0,analyze/* analyzeLogs */.y)({ records: positionals[0], ...(values.console !== undefined ? { console: values.console } : {}) }, {
            modules,
            pairs,
            requireEndMarker: !values['no-require-end'],
            suppressionsFiles: values.suppressions ?? [],
            stdin: io.stdin,
        });
    }
    catch (e) {
        if (!(e instanceof analyze/* InputError */.d))
            throw e;
        io.stderr.write(`modleak analyze: ${e.message}\n`);
        return gate/* EXIT */.d.usage;
    }
    const color = format === 'text' && values.out === undefined && io.stdout.isTTY === true && !process.env.NO_COLOR;
    const output = formatReport(report, format, color);
    if (values.out !== undefined) {
        try {
            await (0,promises_.writeFile)(values.out, output);
        }
        catch (e) {
            io.stderr.write(`modleak analyze: cannot write the report to '${values.out}': ${e.message}\n`);
            return gate/* EXIT */.d.usage;
        }
    }
    else {
        io.stdout.write(output);
    }
    const verdict = (0,gate/* gate */.G)(report, budgets);
    for (const reason of verdict.reasons)
        io.stderr.write(`modleak: ${reason}\n`);
    return verdict.exitCode;
}


/***/ }),

/***/ 957:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ runCli)
/* harmony export */ });
/* harmony import */ var _report_gate_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(347);
/* harmony import */ var _analyze_command_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(369);


const USAGE = `usage: modleak <command> [options]

commands:
  run --module DIR [options]   build DIR against a kernel, boot it in QEMU, exercise it, report
  analyze LOG [options]        match the allocation records in a kernel log (- for stdin)

modleak <command> --help shows a command's options.
exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage or unreadable input,
3 the run itself failed (build error, crash, timeout, incomplete log).
`;
const COMMANDS = {
    analyze: _analyze_command_js__WEBPACK_IMPORTED_MODULE_1__/* .analyzeCommand */ .k5,
    // Loaded when run: `modleak analyze` then starts without what builds and boots modules
    // (child processes, sockets, hashing; "eager" keeps it in this bundle).
    run: async (args, io) => (await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 956))).runCommand(args, io),
};
async function runCli(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        (name === undefined ? io.stderr : io.stdout).write(USAGE);
        return name === undefined ? _report_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.usage : _report_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.ok;
    }
    if (name === '--version') {
        io.stdout.write((0,_analyze_command_js__WEBPACK_IMPORTED_MODULE_1__/* .versionLine */ .b1)());
        return _report_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
        io.stderr.write(`modleak: unknown command '${name}'; expected 'run' or 'analyze'.\n\n${USAGE}`);
        return _report_gate_js__WEBPACK_IMPORTED_MODULE_0__/* .EXIT */ .d.usage;
    }
    return command(rest, io);
}


/***/ }),

/***/ 956:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  defaultCacheDir: () => (/* binding */ defaultCacheDir),
  runCommand: () => (/* binding */ runCommand)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(975);
// EXTERNAL MODULE: ./src/report/gate.ts
var gate = __nccwpck_require__(347);
;// CONCATENATED MODULE: ./src/run/errors.ts
/** Settings the user gave that cannot work (missing dir, no Kbuild, wrong arch): exit 2. */
class RunSettingsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RunSettingsError';
    }
}
/** The machine cannot run the pipeline (a tool missing and not installable): exit 3. */
class RunEnvironmentError extends Error {
    constructor(message) {
        super(message);
        this.name = 'RunEnvironmentError';
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(24);
;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
;// CONCATENATED MODULE: ./src/run/exec.ts



class CommandNotFoundError extends Error {
    program;
    hint;
    constructor(program, hint) {
        super(`${program} was not found on PATH. ${hint}`);
        this.program = program;
        this.hint = hint;
        this.name = 'CommandNotFoundError';
    }
}
function commandLine(program, args) {
    return [program, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
/**
 * Runs a program to completion. Never rejects for a non-zero exit or a timeout (the
 * caller classifies those); rejects with CommandNotFoundError when the program is missing.
 */
function execCommand(program, args, options = {}, missingHint = '') {
    const maxCapture = options.maxCapture ?? 4 * 1024 * 1024;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(program, args, {
            cwd: options.cwd,
            env: options.env ?? process.env,
            stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
            detached: true,
        });
        if (options.niceness !== undefined && child.pid !== undefined) {
            try {
                (0,external_node_os_.setPriority)(child.pid, options.niceness);
            }
            catch {
                // Only a scheduling hint: the command runs at normal priority.
            }
        }
        const out = new TailBuffer(maxCapture, options.onStdoutLine);
        const err = new TailBuffer(maxCapture, options.onStderrLine);
        let timedOut = false;
        const killGroup = () => {
            try {
                if (child.pid !== undefined)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                child.kill('SIGKILL');
            }
        };
        const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
            timedOut = true;
            killGroup();
        }, options.timeoutMs);
        const onAbort = () => killGroup();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        if (options.input !== undefined)
            child.stdin.end(options.input);
        child.on('error', (e) => {
            if (timer)
                clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            if (e.code === 'ENOENT')
                reject(new CommandNotFoundError(program, missingHint));
            else
                reject(e);
        });
        child.on('close', (code, signal) => {
            if (timer)
                clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ command: commandLine(program, args), code, signal, stdout: out.end(), stderr: err.end(), timedOut });
        });
    });
}
/** Keeps the tail of a stream and hands out whole lines as they complete. */
class TailBuffer {
    max;
    onLine;
    chunks = [];
    size = 0;
    partial = '';
    // A character split between two reads (a driver's non-ASCII pr_info) is decoded whole.
    decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
    constructor(max, onLine) {
        this.max = max;
        this.onLine = onLine;
    }
    push(chunk) {
        this.chunks.push(chunk);
        this.size += chunk.length;
        while (this.size > this.max && this.chunks.length > 1)
            this.size -= this.chunks.shift().length;
        if (this.onLine) {
            const lines = (this.partial + this.decoder.write(chunk)).split('\n');
            this.partial = lines.pop();
            for (const line of lines)
                this.onLine(line.replace(/\r$/, ''));
        }
    }
    end() {
        if (this.onLine) {
            const rest = this.partial + this.decoder.end();
            if (rest)
                this.onLine(rest);
        }
        const all = Buffer.concat(this.chunks);
        return all.subarray(Math.max(0, all.length - this.max)).toString('utf8');
    }
}

;// CONCATENATED MODULE: ./src/run/install.ts



// Installs missing Debian/Ubuntu packages with apt-get, as root or through `sudo -n`;
// anywhere else it stops with the exact command the user has to run.
let updatedThisProcess = false;
async function privilege() {
    if (process.getuid?.() === 0)
        return { kind: 'root' };
    try {
        const r = await execCommand('sudo', ['-n', 'true'], { timeoutMs: 10_000 });
        if (r.code === 0)
            return { kind: 'sudo' };
    }
    catch {
        /* no sudo */
    }
    return { kind: 'none' };
}
/** Runs a command as root: directly when we are root, through `sudo -n` otherwise. */
async function runAsRoot(program, args, opts = {}) {
    const p = await privilege();
    if (p.kind === 'none')
        throw new Error(`'${[program, ...args].join(' ')}' needs root: run modleak as root or give this user passwordless sudo.`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    return p.kind === 'root'
        ? execCommand(program, args, { ...opts, env })
        : execCommand('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', program, ...args], opts);
}
async function isInstalled(pkg) {
    try {
        const r = await execCommand('dpkg-query', ['-W', '-f=${Status}', pkg]);
        return r.code === 0 && r.stdout.includes('install ok installed');
    }
    catch {
        return false;
    }
}
async function aptUpdate(progress) {
    if (updatedThisProcess)
        return;
    progress('updating the apt package lists');
    const r = await runAsRoot('apt-get', ['update'], { timeoutMs: 600_000 });
    updatedThisProcess = true;
    if (r.code !== 0)
        throw new Error(`apt-get update failed (exit ${r.code}):\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}
/**
 * Makes sure every package is installed. Packages already there cost one dpkg-query.
 * Throws an Error naming the missing packages when they cannot be installed.
 */
async function ensurePackages(pkgs, progress) {
    const missing = [];
    for (const pkg of pkgs)
        if (!(await isInstalled(pkg)))
            missing.push(pkg);
    if (missing.length === 0)
        return;
    const howto = `install them with: sudo apt-get install -y ${missing.join(' ')}`;
    if (!(0,external_node_fs_.existsSync)('/usr/bin/apt-get'))
        throw new Error(`missing packages ${missing.join(', ')} and this machine has no apt-get; ${howto} (or your distribution's equivalent).`);
    if ((await privilege()).kind === 'none')
        throw new Error(`missing packages ${missing.join(', ')} and modleak is neither root nor allowed passwordless sudo; ${howto}`);
    progress(`installing ${missing.join(' ')}`);
    const install = () => runAsRoot('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { timeoutMs: 1_800_000 });
    let r = await install();
    if (r.code !== 0 && !updatedThisProcess) {
        await aptUpdate(progress);
        r = await install();
    }
    if (r.code !== 0)
        throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${r.code}):\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}
/** Which package provides a program modleak needs, for messages and installs. */
const TOOL_PACKAGES = {
    'qemu-system-x86_64': 'qemu-system-x86',
    busybox: 'busybox-static',
    cpio: 'cpio',
    depmod: 'kmod',
    ld: 'binutils',
    make: 'make',
    gcc: 'gcc',
    zstd: 'zstd',
    xz: 'xz-utils',
    lz4: 'lz4',
};
/** Where kmod's depmod lives on Debian: not on a normal user's PATH. */
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];
/** The program's full path from PATH (then the sbin directories), without starting it. */
function programPath(program) {
    const dirs = [...(process.env.PATH ?? '/usr/bin:/bin').split(':').filter(Boolean), ...SBIN_DIRS];
    for (const dir of dirs) {
        try {
            (0,external_node_fs_.accessSync)((0,external_node_path_.join)(dir, program), external_node_fs_.constants.X_OK);
            return (0,external_node_path_.join)(dir, program);
        }
        catch {
            /* next */
        }
    }
    return undefined;
}
function hasProgram(program) {
    return programPath(program) !== undefined;
}
/** Installs the packages of the programs that are not on PATH. */
async function ensurePrograms(programs, progress) {
    const pkgs = new Set();
    for (const p of programs)
        if (!hasProgram(p))
            pkgs.add(TOOL_PACKAGES[p] ?? p);
    if (pkgs.size === 0)
        return;
    await ensurePackages([...pkgs], progress);
    const still = programs.filter((p) => !hasProgram(p));
    if (still.length > 0) {
        throw new Error(`${still.join(', ')} not found on PATH (${process.env.PATH ?? ''}) although the package(s) ${[...new Set(still.map((p) => TOOL_PACKAGES[p] ?? p))].join(', ')} are installed; put their directory (usually /usr/bin) on PATH.`);
    }
}

;// CONCATENATED MODULE: ./src/run/apt-sources.ts



/** A deb822 stanza for `<codename>-backports`, or undefined when no entry for `codename` exists. */
function deriveBackportsEntry(files, codename) {
    const suite = `${codename}-backports`;
    const entry = (uris, signedBy) => `Types: deb\nURIs: ${uris}\nSuites: ${suite}\nComponents: main\n${signedBy ? `Signed-By: ${signedBy}\n` : ''}`;
    for (const f of files) {
        if (f.path.endsWith('.sources')) {
            for (const stanza of f.text.split(/\n\s*\n/)) {
                const field = (name) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim();
                const suites = field('Suites')?.split(/\s+/) ?? [];
                const types = field('Types')?.split(/\s+/) ?? ['deb'];
                const uris = field('URIs');
                if (uris && suites.includes(codename) && types.includes('deb'))
                    return entry(uris, field('Signed-By'));
            }
        }
        else {
            for (const line of f.text.split('\n')) {
                const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s/.exec(line.trim() + ' ');
                if (m && m[3] === codename)
                    return entry(m[2], /signed-by=(\S+)/.exec(m[1] ?? '')?.[1]);
            }
        }
    }
    return undefined;
}
function hasSuite(files, suite) {
    return files.some((f) => f.text.split('\n').some((l) => !l.trim().startsWith('#') && new RegExp(`(^|\\s)${suite}(\\s|$)`).test(l)));
}
function readSources() {
    const dir = '/etc/apt/sources.list.d';
    const paths = ['/etc/apt/sources.list', ...((0,external_node_fs_.existsSync)(dir) ? (0,external_node_fs_.readdirSync)(dir).map((f) => (0,external_node_path_.join)(dir, f)) : [])];
    return paths.filter((p) => (0,external_node_fs_.existsSync)(p) && (p.endsWith('.list') || p.endsWith('.sources'))).map((path) => ({ path, text: (0,external_node_fs_.readFileSync)(path, 'utf8') }));
}
/** Writes /etc/apt/sources.list.d/modleak-<codename>-backports.sources when needed (root or sudo). */
async function ensureBackportsSource(progress) {
    const codename = /^VERSION_CODENAME=(\S+)/m.exec((0,external_node_fs_.readFileSync)('/etc/os-release', 'utf8'))?.[1];
    if (!codename)
        throw new Error('cannot tell the Debian codename from /etc/os-release; add a bookworm-backports apt source by hand.');
    const suite = `${codename}-backports`;
    const files = readSources();
    if (hasSuite(files, suite))
        return;
    const entry = deriveBackportsEntry(files, codename);
    if (!entry)
        throw new Error(`no apt source for Debian ${codename} to derive ${suite} from; add a ${suite} source by hand.`);
    progress(`adding the apt source ${suite}`);
    const target = `/etc/apt/sources.list.d/modleak-${suite}.sources`;
    const r = await runAsRoot('tee', [target], { input: entry });
    if (r.code !== 0)
        throw new Error(`could not write ${target}: ${r.stderr.trim()}`);
}

;// CONCATENATED MODULE: ./src/run/kernel.ts






const KERNEL_CHOICES = ['auto', 'debian:6.1', 'debian:6.12'];
/** The release string a bzImage carries (setup header: pointer at 0x20E, string at pointer + 0x200). */
function imageRelease(image) {
    const fd = (0,external_node_fs_.openSync)(image, 'r');
    try {
        const head = Buffer.alloc(0x10000);
        const n = (0,external_node_fs_.readSync)(fd, head, 0, head.length, 0);
        if (n < 0x210 || head.toString('latin1', 0x202, 0x206) !== 'HdrS') {
            throw new Error(`${image} is not an x86 bzImage (no "HdrS" setup header at 0x202); give a kernel image built for x86_64 (the file /boot/vmlinuz-* of that kernel).`);
        }
        const at = head.readUInt16LE(0x20e) + 0x200;
        const end = head.indexOf(0, at);
        const text = head.toString('latin1', at, end > at ? end : at + 128);
        const rel = text.split(' ')[0];
        if (!rel)
            throw new Error(`${image}: the setup header holds no kernel version string.`);
        return rel;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** The release a kbuild directory builds for (Debian's include/config/kernel.release holds the upstream version, utsrelease.h the real one). */
function buildDirRelease(buildDir) {
    const uts = (0,external_node_path_.join)(buildDir, 'include/generated/utsrelease.h');
    if ((0,external_node_fs_.existsSync)(uts)) {
        const m = /UTS_RELEASE\s+"([^"]+)"/.exec((0,external_node_fs_.readFileSync)(uts, 'utf8'));
        if (m)
            return m[1];
    }
    const rel = (0,external_node_path_.join)(buildDir, 'include/config/kernel.release');
    if ((0,external_node_fs_.existsSync)(rel))
        return (0,external_node_fs_.readFileSync)(rel, 'utf8').trim();
    throw new Error(`${buildDir} is not a prepared kernel build directory (no include/generated/utsrelease.h nor include/config/kernel.release); give the headers directory of the kernel, e.g. /lib/modules/<release>/build.`);
}
function readable(path) {
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.R_OK);
        return true;
    }
    catch {
        return false;
    }
}
function checkSameRelease(image, buildDir) {
    const a = imageRelease(image);
    const b = buildDirRelease(buildDir);
    if (a !== b) {
        throw new Error(`the kernel image ${image} is release ${a} but the build directory ${buildDir} is release ${b}; a module built against one will not load into the other. Give the image and the build directory of the same kernel.`);
    }
    return a;
}
async function resolveKernel(req) {
    if (req.kernelImage !== undefined || req.kernelBuildDir !== undefined)
        return userKernel(req);
    switch (req.kernel) {
        case 'auto':
            return (await hostKernel(req)) ?? debianKernel(req, '6.1');
        case 'debian:6.1':
            return debianKernel(req, '6.1');
        case 'debian:6.12':
            return debianKernel(req, '6.12');
        default:
            throw new Error(`--kernel ${req.kernel} is not a kernel modleak knows; expected one of ${KERNEL_CHOICES.join(', ')}, or --kernel-image FILE with --kernel-build-dir DIR.`);
    }
}
function userKernel(req) {
    if (!req.kernelImage || !req.kernelBuildDir) {
        throw new Error(`--kernel-image and --kernel-build-dir go together (got only ${req.kernelImage ? '--kernel-image' : '--kernel-build-dir'}); give both, from the same kernel.`);
    }
    if (!readable(req.kernelImage))
        throw new Error(`--kernel-image ${req.kernelImage} does not exist or is not readable.`);
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(req.kernelBuildDir, 'Makefile')))
        throw new Error(`--kernel-build-dir ${req.kernelBuildDir} has no Makefile; give a kernel build or headers directory (e.g. /lib/modules/<release>/build).`);
    const release = checkSameRelease(req.kernelImage, req.kernelBuildDir);
    const mods = `/lib/modules/${release}`;
    return { release, image: req.kernelImage, buildDir: req.kernelBuildDir, modulesDir: (0,external_node_fs_.existsSync)((0,external_node_path_.join)(mods, 'modules.dep')) ? mods : undefined, origin: 'user' };
}
/** The running kernel, when its image and kbuild dir are there (GitHub's Ubuntu runners). */
async function hostKernel(req) {
    const release = req.hostRelease ?? (0,external_node_os_.release)();
    const image = `/boot/vmlinuz-${release}`;
    const buildDir = `/lib/modules/${release}/build`;
    if (!(0,external_node_fs_.existsSync)(image) || !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(buildDir, 'Makefile')))
        return undefined;
    let bootable = image;
    if (!readable(image)) {
        // Ubuntu keeps /boot/vmlinuz-* root-only; a readable copy in the cache is enough.
        const copy = (0,external_node_path_.join)(req.cacheDir, 'kernels', release, `vmlinuz-${release}`);
        if (!readable(copy)) {
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(req.cacheDir, 'kernels', release), { recursive: true });
            try {
                const r = await runAsRoot('install', ['-m', '0644', image, copy]);
                if (r.code !== 0)
                    return undefined;
            }
            catch {
                return undefined;
            }
        }
        bootable = copy;
    }
    req.progress(`kernel: the host's own ${release}`);
    const mods = `/lib/modules/${release}`;
    return { release, image: bootable, buildDir, modulesDir: (0,external_node_fs_.existsSync)((0,external_node_path_.join)(mods, 'modules.dep')) ? mods : undefined, origin: 'host' };
}
const DEBIAN_META = { '6.1': 'linux-image-cloud-amd64', '6.12': 'linux-image-6.12-cloud-amd64' };
async function aptDepends(pkg) {
    const r = await execCommand('apt-cache', ['depends', pkg]).catch(() => undefined);
    if (!r || r.code !== 0)
        return undefined;
    return [...r.stdout.matchAll(/^\s*Depends:\s*(\S+)/gm)].map((m) => m[1]);
}
async function findDebianRelease(series, progress) {
    const wanted = new RegExp(`^linux-image-(${series.replace('.', '\\.')}\\.[^ ]*-cloud-amd64)$`);
    const pick = (deps) => deps?.map((d) => wanted.exec(d)?.[1]).find((x) => x !== undefined);
    let rel = pick(await aptDepends(DEBIAN_META[series]));
    if (rel)
        return rel;
    if (series === '6.12')
        await ensureBackportsSource(progress);
    await aptUpdate(progress);
    rel = pick(await aptDepends(DEBIAN_META[series]));
    return rel;
}
async function debianKernel(req, series) {
    if (!(0,external_node_fs_.existsSync)('/usr/bin/apt-get')) {
        throw new Error(`--kernel debian:${series} needs apt (a Debian machine); this one has no apt-get. Use --kernel-image FILE --kernel-build-dir DIR for a kernel you have.`);
    }
    const cachedRelease = (0,external_node_path_.join)(req.cacheDir, 'kernels', `debian-${series}.release`);
    // apt-cache takes seconds; its answer only changes when the package lists do.
    const fresh = cachedAnswer(cachedRelease);
    if (fresh) {
        const root = (0,external_node_path_.join)(req.cacheDir, 'kernels', fresh, 'root');
        const buildDir = `/lib/modules/${fresh}/build`;
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(root, '.modleak-complete')) && (0,external_node_fs_.existsSync)((0,external_node_path_.join)(buildDir, 'Makefile'))) {
            req.progress(`kernel: Debian ${fresh} (cached)`);
            return { release: fresh, image: (0,external_node_path_.join)(root, 'boot', `vmlinuz-${fresh}`), buildDir, modulesDir: (0,external_node_path_.join)(root, 'lib', 'modules', fresh), origin: `debian:${series}` };
        }
    }
    let release = await findDebianRelease(series, req.progress).catch(() => undefined);
    if (!release && (0,external_node_fs_.existsSync)(cachedRelease))
        release = (0,external_node_fs_.readFileSync)(cachedRelease, 'utf8').trim();
    if (!release) {
        throw new Error(`apt knows no Debian ${series} cloud kernel (package ${DEBIAN_META[series]}); debian:${series} needs a Debian bookworm apt source${series === '6.12' ? ' (bookworm-backports)' : ''}. On another distribution use --kernel auto or --kernel-image/--kernel-build-dir.`);
    }
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(req.cacheDir, 'kernels'), { recursive: true });
    (0,external_node_fs_.writeFileSync)(cachedRelease, release + '\n');
    req.progress(`kernel: Debian ${release}`);
    const buildDir = `/lib/modules/${release}/build`;
    if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(buildDir, 'Makefile')))
        await ensurePackages([`linux-headers-${release}`], req.progress);
    const root = await unpackedImage(req, release);
    const image = (0,external_node_path_.join)(root, 'boot', `vmlinuz-${release}`);
    checkSameRelease(image, buildDir);
    return { release, image, buildDir, modulesDir: (0,external_node_path_.join)(root, 'lib', 'modules', release), origin: `debian:${series}` };
}
function cachedAnswer(file) {
    try {
        const lists = (0,external_node_fs_.statSync)('/var/lib/apt/lists').mtimeMs;
        const cached = (0,external_node_fs_.statSync)(file);
        return cached.mtimeMs > lists ? (0,external_node_fs_.readFileSync)(file, 'utf8').trim() || undefined : undefined;
    }
    catch {
        return undefined;
    }
}
/** The image package unpacked (never installed) under the cache dir, with modules.dep generated. */
async function unpackedImage(req, release) {
    const root = (0,external_node_path_.join)(req.cacheDir, 'kernels', release, 'root');
    const done = (0,external_node_path_.join)(root, '.modleak-complete');
    const key = `modleak-kernel-${release}-v1`;
    if ((0,external_node_fs_.existsSync)(done))
        return root;
    if (req.restoreCache && (await req.restoreCache(root, key)) && (0,external_node_fs_.existsSync)(done))
        return root;
    // Per-process scratch names: two runs may fill the same cache at once.
    const work = (0,external_node_path_.join)(req.cacheDir, 'kernels', release, `download-${process.pid}`);
    (0,external_node_fs_.rmSync)(work, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(work, { recursive: true });
    req.progress(`downloading linux-image-${release}`);
    const pkg = `linux-image-${release}`;
    let r = await execCommand('apt-get', ['download', pkg], { cwd: work, timeoutMs: 900_000 });
    if (r.code !== 0) {
        await aptUpdate(req.progress);
        r = await execCommand('apt-get', ['download', pkg], { cwd: work, timeoutMs: 900_000 });
    }
    if (r.code !== 0)
        throw new Error(`apt-get download ${pkg} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
    const deb = (0,external_node_fs_.readdirSync)(work).find((f) => f.endsWith('.deb'));
    if (!deb)
        throw new Error(`apt-get download ${pkg} reported success but left no .deb in ${work}.`);
    const staging = `${root}.partial-${process.pid}`;
    (0,external_node_fs_.rmSync)(staging, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(staging, { recursive: true });
    const x = await execCommand('dpkg-deb', ['-x', (0,external_node_path_.join)(work, deb), staging]);
    if (x.code !== 0)
        throw new Error(`dpkg-deb -x ${deb} failed: ${x.stderr.trim()}`);
    const d = await execCommand(programPath('depmod') ?? 'depmod', ['-b', staging, release], {}, 'Install it: apt-get install kmod.');
    if (d.code !== 0)
        throw new Error(`depmod -b ${staging} ${release} failed: ${d.stderr.trim()}`);
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(staging, '.modleak-complete'), `${deb}\n`);
    (0,external_node_fs_.rmSync)(work, { recursive: true, force: true });
    if ((0,external_node_fs_.existsSync)(done)) {
        // Another run finished first and may be booting from it: keep theirs.
        (0,external_node_fs_.rmSync)(staging, { recursive: true, force: true });
        return root;
    }
    (0,external_node_fs_.rmSync)(root, { recursive: true, force: true });
    (0,external_node_fs_.renameSync)(staging, root);
    if (req.saveCache)
        await req.saveCache(root, key).catch((e) => req.progress(`could not save the kernel to the cache: ${String(e)}`));
    return root;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: ./src/analyze.ts + 8 modules
var analyze = __nccwpck_require__(959);
// EXTERNAL MODULE: ./src/paths.ts
var src_paths = __nccwpck_require__(431);
// EXTERNAL MODULE: ./src/report/build.ts + 2 modules
var build = __nccwpck_require__(584);
// EXTERNAL MODULE: ./src/report/markdown.ts + 1 modules
var markdown = __nccwpck_require__(158);
;// CONCATENATED MODULE: ./src/run/decompress.ts


// Unpacks a file in place by its suffix, with the distribution's own tools: kernel
// modules shipped as .ko.xz / .ko.zst / .ko.gz, and a bzImage's compressed kernel.
const TOOLS = [
    { suffix: /\.xz$/, program: 'xz', args: (i) => ['-d', '-f', i], pkg: 'xz-utils' },
    { suffix: /\.lzma$/, program: 'xz', args: (i) => ['-d', '-f', '--format=lzma', i], pkg: 'xz-utils' },
    { suffix: /\.zst$/, program: 'zstd', args: (i) => ['-d', '-q', '-f', '--rm', i], pkg: 'zstd' },
    // lz4 writes the kernel's legacy frames to stdout unless told the output file.
    { suffix: /\.lz4$/, program: 'lz4', args: (i, o) => ['-d', '-q', '-f', '--rm', i, o], pkg: 'lz4' },
    { suffix: /\.gz$/, program: 'gzip', args: (i) => ['-d', '-f', i], pkg: 'gzip' },
    { suffix: /\.bz2$/, program: 'bzip2', args: (i) => ['-d', '-f', i], pkg: 'bzip2' },
];
/** Unpacks `path` if its suffix names a compression, removing the compressed file; returns the new base name. */
async function decompressInPlace(path) {
    const tool = TOOLS.find((t) => t.suffix.test(path));
    if (!tool)
        return (0,external_node_path_.basename)(path);
    const r = await execCommand(tool.program, tool.args(path, path.replace(tool.suffix, '')), {}, `Install it to unpack ${(0,external_node_path_.basename)(path)}: apt-get install ${tool.pkg}.`);
    if (r.code !== 0)
        throw new Error(`${tool.program} could not unpack ${path}: ${r.stderr.trim()}`);
    return (0,external_node_path_.basename)(path).replace(tool.suffix, '');
}

;// CONCATENATED MODULE: ./src/run/elf.ts

const EM_X86_64 = 62;
const NAMES = { 3: 'i386', 8: 'MIPS', 20: 'PowerPC', 21: 'PowerPC64', 22: 's390', 40: 'ARM', 62: 'x86_64', 183: 'AArch64 (arm64)', 243: 'RISC-V' };
/** e_machine of an ELF file; undefined when the file is not ELF. */
function elfMachine(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const h = Buffer.alloc(20);
        if ((0,external_node_fs_.readSync)(fd, h, 0, 20, 0) < 20 || h.toString('latin1', 0, 4) !== '\x7fELF')
            return undefined;
        const code = h[5] === 2 ? h.readUInt16BE(18) : h.readUInt16LE(18);
        return { code, name: NAMES[code] ?? `ELF machine ${code}` };
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** A 64-bit little-endian ELF file's section headers (a .ko is a relocatable object), or undefined when the file is not one. */
function sectionHeaders(fd) {
    const h = Buffer.alloc(64);
    if ((0,external_node_fs_.readSync)(fd, h, 0, 64, 0) < 64 || h.toString('latin1', 0, 4) !== '\x7fELF' || h[4] !== 2 || h[5] !== 1)
        return undefined;
    const shoff = Number(h.readBigUInt64LE(40));
    const entrySize = h.readUInt16LE(58);
    const count = h.readUInt16LE(60);
    const namesIndex = h.readUInt16LE(62);
    if (shoff === 0 || entrySize < 64 || namesIndex >= count)
        return [];
    const table = Buffer.alloc(entrySize * count);
    (0,external_node_fs_.readSync)(fd, table, 0, table.length, shoff);
    const field = (i, at) => Number(table.readBigUInt64LE(i * entrySize + at));
    const names = Buffer.alloc(Math.min(field(namesIndex, 32), 16 << 20));
    (0,external_node_fs_.readSync)(fd, names, 0, names.length, field(namesIndex, 24));
    const headers = [];
    for (let i = 0; i < count; i++) {
        const start = table.readUInt32LE(i * entrySize);
        const end = names.indexOf(0, start);
        const name = start < names.length ? names.toString('latin1', start, end < 0 ? names.length : end) : '';
        headers.push({ name, offset: field(i, 24), size: field(i, 32) });
    }
    return headers;
}
/** The bytes of an ELF64 file's section `name` (at most 16 MiB); undefined when it has none or is not ELF64 little-endian. */
function elfSectionBytes(path, name) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const section = sectionHeaders(fd)?.find((s) => s.name === name);
        if (!section)
            return undefined;
        const bytes = Buffer.alloc(Math.min(section.size, 16 << 20));
        const got = (0,external_node_fs_.readSync)(fd, bytes, 0, bytes.length, section.offset);
        return bytes.subarray(0, got);
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
/** A 64-bit ELF file's program header table (read as little-endian), or undefined when the file is not ELF64. */
function programHeaders(fd) {
    const h = Buffer.alloc(64);
    (0,external_node_fs_.readSync)(fd, h, 0, 64, 0);
    if (h.toString('latin1', 0, 4) !== '\x7fELF' || h[4] !== 2)
        return undefined;
    const phoff = Number(h.readBigUInt64LE(32));
    const entrySize = h.readUInt16LE(54);
    const count = h.readUInt16LE(56);
    const table = Buffer.alloc(entrySize * count);
    (0,external_node_fs_.readSync)(fd, table, 0, table.length, phoff);
    return { table, entrySize, count, littleEndian: h[5] === 1 };
}
/** True when an ELF executable has no PT_INTERP (needs no dynamic loader). */
function isStaticExecutable(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const ph = programHeaders(fd);
        if (!ph)
            return false;
        for (let i = 0; i < ph.count; i++)
            if (ph.table.readUInt32LE(i * ph.entrySize) === 3)
                return false;
        return true;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
const PT_NOTE = 4;
const XEN_ELFNOTE_PHYS32_ENTRY = 18;
/**
 * True when a 64-bit ELF kernel has a PVH entry point (the "Xen" note PHYS32_ENTRY,
 * CONFIG_PVH), which lets QEMU start it directly, without a bzImage's decompressor.
 */
function hasPvhEntry(path) {
    const fd = (0,external_node_fs_.openSync)(path, 'r');
    try {
        const ph = programHeaders(fd);
        if (!ph?.littleEndian)
            return false;
        for (let i = 0; i < ph.count; i++) {
            const at = i * ph.entrySize;
            if (ph.table.readUInt32LE(at) !== PT_NOTE)
                continue;
            const size = Math.min(Number(ph.table.readBigUInt64LE(at + 32)), 1 << 20);
            const notes = Buffer.alloc(size);
            const got = (0,external_node_fs_.readSync)(fd, notes, 0, size, Number(ph.table.readBigUInt64LE(at + 8)));
            for (let n = 0; n + 12 <= got;) {
                const namesz = notes.readUInt32LE(n);
                const descsz = notes.readUInt32LE(n + 4);
                const type = notes.readUInt32LE(n + 8);
                const name = notes.toString('latin1', n + 12, n + 12 + Math.max(0, namesz - 1));
                if (name === 'Xen' && type === XEN_ELFNOTE_PHYS32_ENTRY)
                    return true;
                n += 12 + align4(namesz) + align4(descsz);
            }
        }
        return false;
    }
    finally {
        (0,external_node_fs_.closeSync)(fd);
    }
}
const align4 = (n) => (n + 3) & ~3;

;// CONCATENATED MODULE: ./src/run/boot-image.ts






// Under emulation a bzImage spends a good part of its boot decompressing itself: ~0.3 s
// for Debian 6.1's LZ4, ~1.5 s for 6.12's zstd. A kernel built with CONFIG_PVH (Debian's
// and Ubuntu's are) can instead be started by QEMU as the ELF inside the bzImage, which
// is unpacked here once, on the host, and cached next to the downloads.
const LAYOUT_VERSION = '1';
/** The compressions a bzImage's payload can have (arch/x86/boot/compressed), by magic. */
const FORMATS = [
    { magic: [0x1f, 0x8b], suffix: '.gz' },
    { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], suffix: '.xz' },
    { magic: [0x5d, 0x00, 0x00], suffix: '.lzma' },
    { magic: [0x42, 0x5a, 0x68], suffix: '.bz2' },
    { magic: [0x02, 0x21, 0x4c, 0x18], suffix: '.lz4' },
    { magic: [0x28, 0xb5, 0x2f, 0xfd], suffix: '.zst' },
];
/** Never throws: a kernel that cannot be unpacked simply boots as the bzImage it is. */
async function pvhKernel(image, cacheDir) {
    let elf;
    let none;
    try {
        const st = (0,external_node_fs_.statSync)(image);
        const key = (0,external_node_crypto_.createHash)('sha256').update([LAYOUT_VERSION, (0,external_node_fs_.realpathSync)(image), st.size, st.mtimeMs].join('\n')).digest('hex').slice(0, 16);
        const dir = (0,external_node_path_.join)(cacheDir, 'pvh');
        (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
        elf = (0,external_node_path_.join)(dir, `vmlinux-${key}`);
        none = `${elf}.none`;
    }
    catch (e) {
        return { reason: e.message };
    }
    if ((0,external_node_fs_.existsSync)(elf))
        return { path: elf };
    if ((0,external_node_fs_.existsSync)(none))
        return { reason: (0,external_node_fs_.readFileSync)(none, 'utf8').trim() };
    const tmp = `${elf}.${process.pid}.tmp`;
    try {
        const payload = compressedKernel((0,external_node_fs_.readFileSync)(image));
        if (typeof payload === 'string')
            return remember(none, payload);
        (0,external_node_fs_.writeFileSync)(tmp + payload.suffix, payload.data);
        await decompressInPlace(tmp + payload.suffix);
        if (!hasPvhEntry(tmp))
            return remember(none, 'the kernel has no PVH entry point (CONFIG_PVH is off)');
        (0,external_node_fs_.renameSync)(tmp, elf);
        return { path: elf };
    }
    catch (e) {
        // A missing tool is not remembered: installing it makes the next run faster.
        const reason = e instanceof CommandNotFoundError ? e.message : `could not unpack ${image}: ${e.message}`;
        return { reason };
    }
    finally {
        for (const f of FORMATS)
            (0,external_node_fs_.rmSync)(tmp + f.suffix, { force: true });
        (0,external_node_fs_.rmSync)(tmp, { force: true });
    }
}
/** The compressed kernel inside a bzImage (boot protocol >= 2.08), or why there is none. */
function compressedKernel(bz) {
    if (bz.length < 0x250 || bz.toString('latin1', 0x202, 0x206) !== 'HdrS')
        return 'it is not a bzImage (no HdrS boot header)';
    const version = bz.readUInt16LE(0x206);
    if (version < 0x208)
        return `its boot protocol ${version >> 8}.${(version & 0xff).toString().padStart(2, '0')} predates 2.08, which locates the compressed kernel`;
    const setupSectors = bz[0x1f1] || 4;
    const start = (setupSectors + 1) * 512 + bz.readUInt32LE(0x248);
    const length = bz.readUInt32LE(0x24c);
    if (length <= 4 || start + length > bz.length)
        return `its payload (offset ${start}, ${length} bytes) lies outside the ${bz.length}-byte file`;
    // The build appends the uncompressed size (4 bytes) to the compressed stream.
    const data = bz.subarray(start, start + length - 4);
    const format = FORMATS.find((f) => f.magic.every((b, i) => data[i] === b));
    if (!format)
        return `its compressed kernel has an unknown format (starts with ${data.subarray(0, 4).toString('hex')})`;
    return { data, suffix: format.suffix };
}
function remember(file, reason) {
    (0,external_node_fs_.writeFileSync)(file, `${reason}\n`);
    return { reason };
}

;// CONCATENATED MODULE: ./src/run/compiled-helper.ts




async function compiledHelper(helper, cacheDir) {
    const name = (0,external_node_path_.basename)(helper.source, '.c');
    const hash = (0,external_node_crypto_.createHash)('sha256').update(helper.flags.join(' ')).update((0,external_node_fs_.readFileSync)(helper.source)).digest('hex').slice(0, 16);
    const dir = (0,external_node_path_.join)(cacheDir, 'helpers');
    const bin = (0,external_node_path_.join)(dir, `${name}-${hash}`);
    if ((0,external_node_fs_.existsSync)(bin))
        return bin;
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const tmp = `${bin}.${process.pid}.tmp`;
    const r = await execCommand('gcc', [...helper.flags, '-o', tmp, helper.source], {}, 'Install it: apt-get install gcc libc6-dev.');
    if (r.code !== 0) {
        throw new Error(`could not compile ${helper.source} (${helper.hint}):\n${r.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
    }
    (0,external_node_fs_.renameSync)(tmp, bin);
    return bin;
}

;// CONCATENATED MODULE: ./src/run/cc-probe-cache.ts





// kbuild's compiler probes, answered from a cache (see host/cc-probe-cache.c). The
// wrapper has to be handed the kernel's own compiler command, which only kbuild knows
// (Debian's headers name gcc-12 in a .kernelvariables file, others elsewhere): it is
// read back from the command line kbuild saved for an object of the first build against
// a kernel, and every later build against that kernel goes through the wrapper.
const SAVED_CC = /^(?:saved)?cmd_\S+ := (.+?) -Wp,-MMD,/;
/** A compiler command the wrapper can be put in front of inside make's CC=. */
const PLAIN_COMMAND = /^[\w./+-]+(?: [\w./+-]+)*$/;
function dirsFor(buildDir, cacheDir) {
    try {
        const real = (0,external_node_fs_.realpathSync)(buildDir);
        const config = (0,external_node_fs_.statSync)((0,external_node_path_.join)(real, 'include', 'config', 'auto.conf'));
        const key = (0,external_node_crypto_.createHash)('sha256').update(`${real}\n${config.size}:${config.mtimeMs}`).digest('hex').slice(0, 16);
        const root = (0,external_node_path_.join)(cacheDir, 'cc-probes');
        return { answers: (0,external_node_path_.join)(root, 'answers'), compilerFile: (0,external_node_path_.join)(root, `kernel-${key}.cc`) };
    }
    catch {
        return undefined;
    }
}
/**
 * The CC= value for make that answers the kernel's probes from the cache, or undefined
 * until a first build has shown which compiler the kernel uses.
 */
async function probeCachingCompiler(buildDir, cacheDir) {
    const dirs = dirsFor(buildDir, cacheDir);
    if (!dirs || !(0,external_node_fs_.existsSync)(dirs.compilerFile))
        return undefined;
    const cc = (0,external_node_fs_.readFileSync)(dirs.compilerFile, 'utf8').trim();
    if (!PLAIN_COMMAND.test(cc) || !PLAIN_COMMAND.test(dirs.answers))
        return undefined;
    const wrapper = await compiledHelper({ source: (0,src_paths/* ccProbeCacheSourcePath */.jX)(), flags: ['-O2', '-s'], hint: 'it needs only libc' }, cacheDir);
    if (!PLAIN_COMMAND.test(wrapper))
        return undefined;
    (0,external_node_fs_.mkdirSync)(dirs.answers, { recursive: true });
    return `${wrapper} ${dirs.answers} ${cc}`;
}
/** After a build without the wrapper: remembers the compiler command kbuild used. */
function rememberKernelCompiler(buildDir, builtDir, cacheDir) {
    const dirs = dirsFor(buildDir, cacheDir);
    if (!dirs || (0,external_node_fs_.existsSync)(dirs.compilerFile))
        return;
    const cc = savedCompiler(builtDir);
    if (cc === undefined)
        return;
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(dirs.compilerFile, '..'), { recursive: true });
    const tmp = `${dirs.compilerFile}.${process.pid}.tmp`;
    (0,external_node_fs_.writeFileSync)(tmp, `${cc}\n`);
    (0,external_node_fs_.renameSync)(tmp, dirs.compilerFile);
}
/** The compiler command in a .<object>.o.cmd file kbuild left in `builtDir`. */
function savedCompiler(builtDir) {
    let names;
    try {
        names = (0,external_node_fs_.readdirSync)(builtDir);
    }
    catch {
        return undefined;
    }
    for (const name of names.filter((n) => n.endsWith('.o.cmd')).sort()) {
        const m = SAVED_CC.exec((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(builtDir, name), 'utf8').split('\n', 1)[0]);
        if (m && PLAIN_COMMAND.test(m[1].trim()))
            return m[1].trim();
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/run/format-defines.ts


// A file that defines its own pr_fmt/dev_fmt before its includes would redefine the
// default the injected header's kernel includes already set (a warning, an error under
// -Werror). Such files get -DMODLEAK_USER_PR_FMT / -DMODLEAK_USER_DEV_FMT, with which the
// header hands the default back (docs/header.md).
const PR_FMT = '-DMODLEAK_USER_PR_FMT';
const DEV_FMT = '-DMODLEAK_USER_DEV_FMT';
/**
 * The -D flags a C file needs: scans it, comments removed, up to its first
 * `#include <...>`, following `#include "local.h"` lines met on the way (drivers often
 * define pr_fmt in their own first header).
 */
function userFormatDefines(path) {
    const found = new Set();
    const seen = new Set();
    /** True once a system include was reached (printk.h may be in by then). */
    const scan = (file) => {
        if (seen.has(file) || !(0,external_node_fs_.existsSync)(file))
            return false;
        seen.add(file);
        const code = (0,external_node_fs_.readFileSync)(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
        for (const line of code.split('\n')) {
            if (/^\s*#\s*include\s*</.test(line))
                return true;
            const local = /^\s*#\s*include\s*"([^"]+)"/.exec(line);
            if (local && scan((0,external_node_path_.join)((0,external_node_path_.dirname)(file), local[1])))
                return true;
            if (/^\s*#\s*define\s+pr_fmt\b/.test(line))
                found.add(PR_FMT);
            if (/^\s*#\s*define\s+dev_fmt\b/.test(line))
                found.add(DEV_FMT);
        }
        return false;
    };
    scan(path);
    return [PR_FMT, DEV_FMT].filter((d) => found.has(d));
}
/**
 * Adds `CFLAGS_<stem>.o += ...` for every such file of the (copied) module tree to the
 * Kbuild, else Makefile, of each directory above it that has one: whichever of them
 * compiles the file picks its line up, and a line for a file a makefile does not
 * compile is inert. Returns the files that got flags, relative to the tree.
 */
function addFormatDefineFlags(tree) {
    const flagged = [];
    for (const file of cFiles(tree)) {
        const defines = userFormatDefines(file);
        if (defines.length === 0)
            continue;
        flagged.push((0,external_node_path_.relative)(tree, file));
        for (let dir = (0,external_node_path_.dirname)(file);; dir = (0,external_node_path_.dirname)(dir)) {
            const makefile = ['Kbuild', 'Makefile'].map((m) => (0,external_node_path_.join)(dir, m)).find((m) => (0,external_node_fs_.existsSync)(m));
            if (makefile) {
                const stems = new Set([(0,external_node_path_.relative)(dir, file).replace(/\.c$/, ''), (0,external_node_path_.basename)(file, '.c')]);
                const lines = [...stems].map((stem) => `CFLAGS_${stem}.o += ${defines.join(' ')}`);
                (0,external_node_fs_.appendFileSync)(makefile, `\n# added by modleak: this file defines its own pr_fmt/dev_fmt\n${lines.join('\n')}\n`);
            }
            if (dir === tree || (0,external_node_path_.relative)(tree, dir).startsWith('..') || dir === (0,external_node_path_.dirname)(dir))
                break;
        }
    }
    return flagged;
}
function cFiles(dir) {
    return (0,external_node_fs_.readdirSync)(dir).flatMap((name) => {
        const path = (0,external_node_path_.join)(dir, name);
        if ((0,external_node_fs_.statSync)(path).isDirectory())
            return cFiles(path);
        return name.endsWith('.c') && !name.endsWith('.mod.c') ? [path] : [];
    });
}

;// CONCATENATED MODULE: ./src/run/build.ts







const SKIP = /(\.(o|ko|mod|mod\.c|mod\.o|cmd|order|symvers)$)|^\.tmp_versions$|^\.git$/;
/** Checks the module dir before anything slow happens; throws with what to do. */
function checkModuleDir(moduleDir) {
    if (!(0,external_node_fs_.existsSync)(moduleDir))
        throw new Error(`the module directory ${moduleDir} does not exist; give the directory holding the module's Kbuild or Makefile.`);
    const entries = (0,external_node_fs_.readdirSync)(moduleDir);
    if (!entries.includes('Kbuild') && !entries.includes('Makefile')) {
        throw new Error(`the module directory ${moduleDir} has no Kbuild or Makefile (found: ${entries.slice(0, 8).join(', ') || 'nothing'}); modleak builds out-of-tree modules with kbuild, which needs an obj-m line in one of them.`);
    }
    for (const f of ['Kbuild', 'Makefile']) {
        if (!entries.includes(f))
            continue;
        const m = /^\s*(?:export\s+)?ARCH\s*[:?]?=\s*(\S+)/m.exec((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(moduleDir, f), 'utf8'));
        if (m && !['x86', 'x86_64', '$(shell', '$(SUBARCH)'].some((a) => m[1].startsWith(a))) {
            throw new Error(`${(0,external_node_path_.join)(moduleDir, f)} sets ARCH=${m[1]}, but modleak builds and boots x86_64 kernels; build the module for x86 (remove the ARCH setting, or make it conditional).`);
        }
    }
    for (const f of entries.filter((e) => e.endsWith('.ko'))) {
        const machine = elfMachine((0,external_node_path_.join)(moduleDir, f));
        if (machine !== undefined && machine.code !== EM_X86_64) {
            throw new Error(`${(0,external_node_path_.join)(moduleDir, f)} is a ${machine.name} module, but modleak boots x86_64 kernels; remove the prebuilt .ko (modleak builds the module from source) or build it for x86_64.`);
        }
    }
}
async function buildModule(moduleDir, buildDir, header, workDir, options = {}) {
    const { cacheDir } = options;
    (0,external_node_fs_.rmSync)(workDir, { recursive: true, force: true });
    (0,external_node_fs_.mkdirSync)(workDir, { recursive: true });
    (0,external_node_fs_.cpSync)((0,external_node_path_.resolve)(moduleDir), workDir, { recursive: true, filter: (src) => !SKIP.test((0,external_node_path_.basename)(src)) });
    addFormatDefineFlags(workDir);
    // -g0: the kernel config asks for DWARF, which nothing here reads (records carry
    // file:line, oopses name symbols via kallsyms) and which costs a tenth of the build;
    // gcc's code is the same with or without it. Not when the build dir has a vmlinux:
    // kbuild then makes the module's BTF from its DWARF, and fails without it.
    const noDwarf = (0,external_node_fs_.existsSync)((0,external_node_path_.join)(buildDir, 'vmlinux')) ? '' : ' -g0';
    const kcflags = `-include ${header} -fmacro-prefix-map=${workDir}/=${noDwarf}`;
    const cc = cacheDir === undefined ? undefined : await probeCachingCompiler(buildDir, cacheDir);
    // The guest boots meanwhile (TCG: one busy host thread) and is what the run waits for:
    // one core stays free for it, and the build yields to it where they meet.
    const r = await execCommand('make', ['-C', buildDir, `M=${workDir}`, ...(cc ? [`CC=${cc}`] : []), `KCFLAGS=${kcflags}`, `-j${Math.max(1, (0,external_node_os_.availableParallelism)() - 1)}`, 'modules'], {
        timeoutMs: 900_000,
        niceness: 10,
    });
    const log = `$ ${r.command}\n${r.stdout}${r.stderr}`;
    const errors = parseBuildErrors(`${r.stdout}\n${r.stderr}`, workDir);
    const modules = r.code === 0 ? builtModules(workDir) : [];
    if (r.code === 0 && cc === undefined && cacheDir !== undefined)
        rememberKernelCompiler(buildDir, workDir, cacheDir);
    if (r.code === 0 && modules.length === 0) {
        errors.push({ file: 'Kbuild', line: 0, severity: 'error', message: 'the build succeeded but produced no .ko file; the Kbuild/Makefile needs an obj-m line (obj-m += mymodule.o).' });
    }
    if (r.timedOut)
        errors.push({ file: 'Makefile', line: 0, severity: 'error', message: 'the build was killed after 15 minutes' });
    if (r.code !== 0 && errors.every((e) => e.severity !== 'error')) {
        const last = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
        errors.push({ file: 'Makefile', line: 0, severity: 'error', message: `make exited with ${r.code}: ${last}` });
    }
    return { ok: r.code === 0 && modules.length > 0, modules, errors, log, workDir };
}
function builtModules(workDir) {
    const order = (0,external_node_path_.join)(workDir, 'modules.order');
    const listed = (0,external_node_fs_.existsSync)(order)
        ? (0,external_node_fs_.readFileSync)(order, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/^kernel\//, '').replace(/\.o$/, '.ko'))
        : [];
    const paths = listed.map((l) => (l.startsWith('/') ? l : (0,external_node_path_.join)(workDir, l))).filter((p) => (0,external_node_fs_.existsSync)(p));
    return paths.length > 0 ? paths : (0,external_node_fs_.readdirSync)(workDir).filter((f) => f.endsWith('.ko')).map((f) => (0,external_node_path_.join)(workDir, f));
}
const GCC_DIAG = /^(.+?):(\d+):(?:(\d+):)?\s+(?:fatal\s+)?(error|warning):\s+(.*)$/;
const MODPOST = /^(?:ERROR|WARNING): modpost: (.*?)(?:\s+\[(.+?\.ko)\])?(?:\s+undefined!)?$/;
/** gcc and modpost diagnostics, file paths made relative to the module dir. */
function parseBuildErrors(output, workDir) {
    const out = [];
    const seen = new Set();
    for (const raw of output.split('\n')) {
        const line = raw.trimEnd();
        const g = GCC_DIAG.exec(line);
        if (g) {
            const file = relativeTo(workDir, g[1]);
            const e = { file, line: Number(g[2]), severity: g[4], message: g[5] };
            if (g[3])
                e.column = Number(g[3]);
            const key = `${e.file}:${e.line}:${e.column}:${e.message}`;
            if (!seen.has(key)) {
                seen.add(key);
                out.push(e);
            }
            continue;
        }
        const m = MODPOST.exec(line.trim());
        if (m) {
            out.push({ file: m[2] ? relativeTo(workDir, m[2]) : 'Module.symvers', line: 0, severity: line.trim().startsWith('ERROR') ? 'error' : 'warning', message: `modpost: ${m[1]}${line.includes('undefined!') ? ' undefined' : ''}` });
        }
    }
    return out;
}
function relativeTo(workDir, file) {
    const abs = (0,external_node_path_.resolve)(workDir, file);
    const rel = (0,external_node_path_.relative)(workDir, abs);
    return rel.startsWith('..') ? file : rel;
}

// EXTERNAL MODULE: ./src/run/classify.ts
var classify = __nccwpck_require__(335);
;// CONCATENATED MODULE: external "node:readline"
const external_node_readline_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");
// EXTERNAL MODULE: ./src/run/init-script.ts
var init_script = __nccwpck_require__(847);
;// CONCATENATED MODULE: ./src/run/early-ends.ts



const END = /^modleak1 (\S+) END$/;
/** Reads record log lines in order until the run's unloading message. */
class EarlyEndScanner {
    marker;
    found = new Map();
    lineNo = 0;
    /** The unloading message was seen: the result is final. */
    done = false;
    constructor(runId) {
        this.marker = (0,init_script/* unloadMarker */.uE)(runId);
    }
    line(raw) {
        if (this.done)
            return;
        this.lineNo++;
        const message = raw.slice(raw.indexOf(';') + 1).trim();
        if (message === this.marker) {
            this.done = true;
            return;
        }
        const end = END.exec(message);
        if (end && !this.found.has(end[1]))
            this.found.set(end[1], this.lineNo);
    }
    /** The first END of each module before the unloading message; none when that message never came. */
    result() {
        return this.done ? [...this.found].map(([module, logLine]) => ({ module, logLine })) : [];
    }
}
async function readEarlyEnds(recordLog, runId) {
    const scanner = new EarlyEndScanner(runId);
    const lines = (0,external_node_readline_namespaceObject.createInterface)({ input: (0,external_node_fs_.createReadStream)(recordLog), crlfDelay: Infinity });
    for await (const line of lines) {
        scanner.line(line);
        if (scanner.done)
            break;
    }
    lines.close();
    return scanner.result();
}

;// CONCATENATED MODULE: ./src/run/modules-dep.ts



function moduleName(path) {
    return (0,external_node_path_.basename)(path).replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_');
}
/** The modules a .ko uses symbols of (its `.modinfo` `depends=`, what `modinfo -F depends` prints), named as moduleName() names them. */
function moduleDepends(ko) {
    const modinfo = elfSectionBytes(ko, '.modinfo')?.toString('latin1') ?? '';
    const entry = modinfo.split('\0').find((field) => field.startsWith('depends='));
    return entry === undefined ? [] : entry.slice('depends='.length).split(',').map((d) => d.trim().replace(/-/g, '_')).filter(Boolean);
}
function readModuleIndex(modulesDir) {
    const byName = new Map();
    const builtin = new Set();
    if (!modulesDir)
        return { byName, builtin };
    const dep = (0,external_node_path_.join)(modulesDir, 'modules.dep');
    if ((0,external_node_fs_.existsSync)(dep)) {
        for (const line of (0,external_node_fs_.readFileSync)(dep, 'utf8').split('\n')) {
            const colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const path = line.slice(0, colon).trim();
            const deps = line.slice(colon + 1).trim().split(/\s+/).filter(Boolean).map(moduleName);
            byName.set(moduleName(path), { path, deps });
        }
    }
    const bi = (0,external_node_path_.join)(modulesDir, 'modules.builtin');
    if ((0,external_node_fs_.existsSync)(bi))
        for (const line of (0,external_node_fs_.readFileSync)(bi, 'utf8').split('\n'))
            if (line.trim())
                builtin.add(moduleName(line.trim()));
    return { byName, builtin };
}
/**
 * The user's own modules in an order that loads each after those it depends on (by
 * name, from `modinfo -F depends`), keeping the given (obj-m) order otherwise; a cycle
 * is cut where it is met (insmod then says what is missing).
 */
function userLoadOrder(kos, depends) {
    const byName = new Map(kos.map((ko) => [moduleName(ko), ko]));
    const order = [];
    const visiting = new Set();
    const visit = (name) => {
        const ko = byName.get(name);
        if (ko === undefined || order.includes(ko) || visiting.has(name))
            return;
        visiting.add(name);
        for (const dep of depends.get(name) ?? [])
            visit(dep.replace(/-/g, '_'));
        visiting.delete(name);
        order.push(ko);
    };
    for (const ko of kos)
        visit(moduleName(ko));
    return order;
}
/**
 * Load order for the given module names: modules.dep lists a module's dependencies
 * transitively, deepest last, so they load in reverse, then the module itself.
 */
function resolveLoadOrder(names, index) {
    const load = [];
    const missing = [];
    const add = (name) => {
        const n = name.replace(/-/g, '_');
        if (index.builtin.has(n))
            return;
        const entry = index.byName.get(n);
        if (!entry) {
            if (!missing.includes(n))
                missing.push(n);
            return;
        }
        for (const d of [...entry.deps].reverse()) {
            const de = index.byName.get(d);
            if (de && !load.includes(de.path))
                load.push(de.path);
        }
        if (!load.includes(entry.path))
            load.push(entry.path);
    };
    for (const n of names)
        add(n);
    return { load, missing };
}

;// CONCATENATED MODULE: ./src/run/initramfs.ts








// Two cpio archives. The base initramfs (static busybox, the streamer, the transport
// modules from the kernel's modules.dep, /init) depends only on the kernel and is
// cached; the guest boots from it while the module builds. The payload (the module,
// its dependencies, the test script, run.sh) follows over a virtio-serial port.
const BUSYBOX = '/bin/busybox';
/** virtio-serial needs these two; modules.dep says what else they pull in. */
const TRANSPORT = ['virtio_pci', 'virtio_console'];
const initramfs_LAYOUT_VERSION = '2';
async function baseInitramfs(kernel, streamer, cacheDir) {
    if (!isStaticExecutable(BUSYBOX))
        throw new Error(`${BUSYBOX} is dynamically linked; the guest needs the static one: apt-get install busybox-static.`);
    const index = readModuleIndex(kernel.modulesDir);
    const transport = resolveLoadOrder(TRANSPORT, index);
    const warnings = [];
    if (transport.missing.length > 0 && kernel.modulesDir) {
        warnings.push(`the kernel has neither built in nor as modules: ${transport.missing.join(', ')}; records may have no way out of the guest.`);
    }
    const guestPaths = transport.load.map((rel) => `/lib/modleak/${(0,external_node_path_.basename)(rel).replace(/\.(xz|zst|gz)$/, '')}`);
    const init = (0,init_script/* renderBaseInit */.Yw)(guestPaths);
    const bb = (0,external_node_fs_.statSync)(BUSYBOX);
    const key = (0,external_node_crypto_.createHash)('sha256').update([initramfs_LAYOUT_VERSION, kernel.release, kernel.modulesDir ?? '', (0,external_node_path_.basename)(streamer), `${bb.size}:${bb.mtimeMs}`, init].join('\n')).digest('hex').slice(0, 16);
    const dir = (0,external_node_path_.join)(cacheDir, 'initramfs');
    const path = (0,external_node_path_.join)(dir, `base-${kernel.release}-${key}.cpio`);
    if ((0,external_node_fs_.existsSync)(path))
        return { path, warnings };
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    const root = (0,external_node_path_.join)(dir, `root-${key}-${process.pid}`);
    (0,external_node_fs_.rmSync)(root, { recursive: true, force: true });
    for (const d of ['bin', 'dev', 'proc', 'sys', 'tmp', 'lib/modleak'])
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(root, d), { recursive: true });
    (0,external_node_fs_.copyFileSync)(BUSYBOX, (0,external_node_path_.join)(root, 'bin/busybox'));
    await linkApplets((0,external_node_path_.join)(root, 'bin'));
    (0,external_node_fs_.copyFileSync)(streamer, (0,external_node_path_.join)(root, 'bin/modleak-guest'));
    (0,external_node_fs_.chmodSync)((0,external_node_path_.join)(root, 'bin/modleak-guest'), 0o755);
    for (const rel of transport.load) {
        const dest = (0,external_node_path_.join)(root, 'lib/modleak', (0,external_node_path_.basename)(rel));
        (0,external_node_fs_.copyFileSync)((0,external_node_path_.join)(kernel.modulesDir, rel), dest);
        await decompressInPlace(dest); // busybox insmod wants a plain .ko
    }
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(root, 'init'), init, { mode: 0o755 });
    const tmp = `${path}.${process.pid}.tmp`;
    await writeCpio(root, tmp);
    (0,external_node_fs_.renameSync)(tmp, path);
    (0,external_node_fs_.rmSync)(root, { recursive: true, force: true });
    return { path, warnings };
}
async function buildPayload(req) {
    const stage = (0,external_node_path_.join)(req.workDir, 'payload-root');
    (0,external_node_fs_.rmSync)(stage, { recursive: true, force: true });
    for (const d of ['payload/modules', 'payload/deps'])
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.join)(stage, d), { recursive: true });
    const warnings = [];
    const index = readModuleIndex(req.kernel.modulesDir);
    const userNames = req.modules.map(moduleName);
    const wanted = [];
    const userDepends = new Map();
    for (const [i, ko] of req.modules.entries()) {
        const depends = moduleDepends(ko);
        const own = depends.filter((d) => userNames.includes(d));
        if (own.length > 0)
            userDepends.set(userNames[i], own);
        wanted.push(...depends.filter((d) => !own.includes(d)));
    }
    // One of the user's modules may use another's symbols: it loads after it, whatever obj-m's order.
    const userModules = userLoadOrder(req.modules, userDepends);
    const deps = resolveLoadOrder(wanted, index);
    if (deps.missing.length > 0)
        warnings.push(`the module depends on ${deps.missing.join(', ')}, which this kernel does not have as a module; insmod may fail.`);
    const transport = resolveLoadOrder(TRANSPORT, index).load;
    const depPaths = [];
    for (const rel of deps.load) {
        if (transport.includes(rel))
            continue;
        const dest = (0,external_node_path_.join)(stage, 'payload/deps', (0,external_node_path_.basename)(rel));
        (0,external_node_fs_.copyFileSync)((0,external_node_path_.join)(req.kernel.modulesDir, rel), dest);
        depPaths.push(`/payload/deps/${await decompressInPlace(dest)}`);
    }
    for (const ko of userModules)
        (0,external_node_fs_.copyFileSync)(ko, (0,external_node_path_.join)(stage, 'payload/modules', (0,external_node_path_.basename)(ko)));
    let testScript;
    if (req.testScript) {
        (0,external_node_fs_.copyFileSync)(req.testScript, (0,external_node_path_.join)(stage, 'payload/test-script'));
        (0,external_node_fs_.chmodSync)((0,external_node_path_.join)(stage, 'payload/test-script'), 0o755);
        testScript = '/payload/test-script';
    }
    const modules = userModules.map((ko) => ({ name: moduleName(ko), file: (0,external_node_path_.basename)(ko) }));
    const runId = (0,external_node_crypto_.randomBytes)(8).toString('hex');
    (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(stage, 'payload/run.sh'), (0,init_script/* renderRunScript */.zB)({
        modules, dependencies: depPaths, moduleParams: req.moduleParams, paramsModule: userNames[0], testScript, testScriptTimeoutSec: req.testScriptTimeoutSec,
        runId,
    }));
    const path = (0,external_node_path_.join)(req.workDir, 'payload.cpio');
    await writeCpio(stage, path);
    return { path, moduleNames: modules.map((m) => m.name), warnings, runId };
}
/**
 * bin/<applet> -> busybox for every applet, made here rather than by `busybox --install`
 * in the guest, where it costs a tenth of a second of emulated boot. Best effort: /init
 * installs them itself when they are missing.
 */
async function linkApplets(bin) {
    const r = await execCommand(BUSYBOX, ['--list']);
    if (r.code !== 0)
        return;
    for (const name of r.stdout.split('\n').map((l) => l.trim())) {
        if (/^[\w.[-]+$/.test(name) && name !== 'busybox' && !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(bin, name)))
            (0,external_node_fs_.symlinkSync)('busybox', (0,external_node_path_.join)(bin, name));
    }
}
async function writeCpio(root, path) {
    (0,external_node_fs_.rmSync)(path, { force: true });
    const r = await execCommand('cpio', ['--quiet', '-o', '-H', 'newc', '-R', '0:0', '-O', path], { cwd: root, input: listTree(root).join('\n') + '\n' }, 'Install it: apt-get install cpio.');
    if (r.code !== 0)
        throw new Error(`cpio could not write ${path}: ${r.stderr.trim()}`);
}
function listTree(root, rel = '.') {
    const out = rel === '.' ? [] : [rel];
    for (const e of (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, rel), { withFileTypes: true })) {
        const p = rel === '.' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory())
            out.push(...listTree(root, p));
        else
            out.push(p);
    }
    return out;
}
function checkExecutable(path) {
    if (!(0,external_node_fs_.existsSync)(path))
        throw new Error(`--test-script ${path} does not exist.`);
    try {
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.X_OK);
    }
    catch {
        throw new Error(`--test-script ${path} is not executable; run chmod +x ${path} (it runs inside the guest with busybox sh, so start it with #!/bin/sh).`);
    }
}

;// CONCATENATED MODULE: ./src/run/module-source.ts


// What the guest's boot must keep for this module, read from its sources before the
// build (the guest boots while the module builds, so the .ko is not there yet).
const CRYPTO_REGISTRATION = /\b(?:crypto_(?:engine_)?register_|simd_register_)\w*\s*\(/;
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;
/** True when a .c or .h file under `moduleDir` registers a crypto algorithm, template or engine. */
function registersCryptoAlgorithms(moduleDir) {
    let entries;
    try {
        entries = (0,external_node_fs_.readdirSync)(moduleDir, { recursive: true, encoding: 'utf8' });
    }
    catch {
        return false;
    }
    return entries.some((rel) => {
        if (!/\.[ch]$/.test(rel) || rel.split('/').some((part) => part.startsWith('.')))
            return false;
        const path = (0,external_node_path_.join)(moduleDir, rel);
        try {
            return (0,external_node_fs_.statSync)(path).size <= MAX_SOURCE_BYTES && CRYPTO_REGISTRATION.test((0,external_node_fs_.readFileSync)(path, 'latin1'));
        }
        catch {
            return false;
        }
    });
}

;// CONCATENATED MODULE: ./src/run/pairs.ts

// MODLEAK_DECLARE_PAIR(alloc, free) leaves "alloc free\0" strings in the .ko's
// .modleak_pairs section; we read the section and split it.
function parsePairSection(bytes) {
    const pairs = [];
    for (const entry of bytes.toString('latin1').split('\0')) {
        const [alloc, free, ...rest] = entry.trim().split(/\s+/);
        if (alloc && free && rest.length === 0 && !pairs.some((p) => p.alloc === alloc && p.free === free))
            pairs.push({ alloc, free });
    }
    return pairs;
}
function readModulePairs(ko) {
    const bytes = elfSectionBytes(ko, '.modleak_pairs');
    return bytes ? parsePairSection(bytes) : [];
}
/**
 * An allocator that modules of a run declare with different frees: the pairs apply to
 * every module alike, so one module's free passes for the other's objects. Said in a
 * warning, one per allocator.
 */
function pairConflicts(declared) {
    const byAlloc = new Map();
    for (const { module, pairs } of declared) {
        for (const { alloc, free } of pairs) {
            const frees = byAlloc.get(alloc) ?? new Map();
            const own = frees.get(module) ?? [];
            if (!own.includes(free))
                own.push(free);
            frees.set(module, own);
            byAlloc.set(alloc, frees);
        }
    }
    const warnings = [];
    for (const [alloc, frees] of byAlloc) {
        const sets = [...frees.values()].map((f) => [...f].sort().join(' '));
        if (new Set(sets).size < 2)
            continue;
        const each = [...frees].map(([module, f]) => `${f.join(' or ')} in ${module}`).join(', ');
        warnings.push(`modules of this run declare different frees for ${alloc} (${each}): declared pairs apply to every module of a run, so each of these frees is accepted for every module's ${alloc} objects, and a module freeing with another's function is not flagged`);
    }
    return warnings;
}

;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
;// CONCATENATED MODULE: ./src/run/qemu.ts





let kvmVerdict;
/**
 * /dev/kvm can exist and still be unusable (no VT-x, nested setups where QEMU aborts
 * setting MSRs): start a paused VM with KVM and quit it through the monitor. The
 * verdict holds until the host reboots, so it is cached under the host's boot id.
 */
async function kvmUsable(cacheDir) {
    if (kvmVerdict !== undefined)
        return kvmVerdict;
    if (!(0,external_node_fs_.existsSync)('/dev/kvm'))
        return (kvmVerdict = false);
    let cacheFile;
    try {
        const bootId = (0,external_node_fs_.readFileSync)('/proc/sys/kernel/random/boot_id', 'utf8').trim();
        if (cacheDir && bootId)
            cacheFile = (0,external_node_path_.join)(cacheDir, `kvm-${bootId}`);
        if (cacheFile && (0,external_node_fs_.existsSync)(cacheFile))
            return (kvmVerdict = (0,external_node_fs_.readFileSync)(cacheFile, 'utf8').trim() === 'usable');
    }
    catch {
        /* no boot id: probe every time */
    }
    const r = await execCommand('qemu-system-x86_64', ['-accel', 'kvm', '-cpu', 'max', '-S', '-nodefaults', '-display', 'none', '-monitor', 'stdio'], { input: 'quit\n', timeoutMs: 20_000 }, 'Install it: apt-get install qemu-system-x86.');
    kvmVerdict = r.code === 0;
    if (cacheFile)
        (0,external_node_fs_.writeFileSync)(cacheFile, kvmVerdict ? 'usable\n' : `unusable: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
    return kvmVerdict;
}
function kernelCommandLine(req) {
    const words = ['console=ttyS0', 'panic=-1', 'loglevel=4', `log_buf_len=${req.logBufMb}M`, 'printk.devkmsg=on'];
    // Under TCG only (emulation is where they cost; under KVM the kernel's defaults stay):
    // - the virtio-serial device, the guest's only PCI device, takes its interrupt from the
    //   BIOS's routing table (pci=noacpi) instead of through the ACPI interpreter, a quarter
    //   second of boot; nomsi because 6.1 warns setting up MSI without ACPI;
    // - the crypto manager does not test every algorithm the kernel registers (half a
    //   second of boot), unless the module registers algorithms of its own: their tests
    //   exercise the module.
    if (req.accel === 'tcg') {
        words.push('pci=noacpi,nomsi');
        if (!req.cryptoSelfTests)
            words.push('cryptomgr.notests');
    }
    return words.join(' ');
}
function qemuArgs(req) {
    return [
        '-accel', req.accel,
        '-cpu', 'max',
        '-m', `${req.memoryMb}M`,
        '-smp', '1',
        '-nodefaults', '-no-user-config', '-no-reboot',
        '-display', 'none',
        '-serial', 'stdio',
        '-monitor', 'none',
        '-kernel', req.image,
        '-initrd', req.initramfs,
        '-append', kernelCommandLine(req),
        '-device', 'virtio-serial-pci,id=modleakser',
        '-chardev', `file,id=modleakrec,path=${req.recordLog}`,
        '-device', `virtserialport,bus=modleakser.0,chardev=modleakrec,name=${init_script/* RECORD_PORT */.OX}`,
        '-chardev', `socket,id=modleakpay,path=${req.payloadSocket},server=on,wait=off`,
        '-device', `virtserialport,bus=modleakser.0,chardev=modleakpay,name=${init_script/* PAYLOAD_PORT */.NE}`,
    ];
}
function startGuest(req) {
    (0,external_node_fs_.rmSync)(req.payloadSocket, { force: true });
    const console = (0,external_node_fs_.createWriteStream)(req.consoleLog);
    const abort = new AbortController();
    let consoleLines = 0;
    let exited = false;
    let socket;
    const started = Date.now();
    const run = execCommand('qemu-system-x86_64', qemuArgs(req), {
        signal: abort.signal,
        maxCapture: 64 * 1024,
        onStdoutLine: (line) => {
            consoleLines++;
            console.write(line + '\n');
            req.onConsoleLine?.(line);
        },
    }, 'Install it: apt-get install qemu-system-x86.');
    const done = run
        .then((r) => ({ exitCode: r.code, durationMs: Date.now() - started, accel: req.accel, command: r.command, stderr: r.stderr, consoleLines }))
        .finally(async () => {
        exited = true;
        socket?.destroy();
        (0,external_node_fs_.rmSync)(req.payloadSocket, { force: true });
        await new Promise((resolve) => console.end(resolve));
    });
    const connect = () => new Promise((resolve, reject) => {
        const s = (0,external_node_net_namespaceObject.createConnection)(req.payloadSocket);
        s.once('connect', () => resolve(s));
        s.once('error', reject);
    });
    return {
        async deliver(payload) {
            // QEMU creates the socket at start-up; wait for it, but not past QEMU's exit.
            for (let i = 0;; i++) {
                if (exited)
                    throw new Error('QEMU exited before the module could be sent to the guest');
                try {
                    socket = await connect();
                    break;
                }
                catch (e) {
                    if (i > 400)
                        throw new Error(`cannot connect to QEMU's payload socket ${req.payloadSocket}: ${e.message}`);
                    await new Promise((r) => setTimeout(r, 25));
                }
            }
            socket.on('error', () => undefined);
            // The connection stays open until QEMU exits: closing it could drop bytes the guest has not read yet.
            await new Promise((resolve, reject) => {
                socket.write(Buffer.concat([Buffer.from(`MODLEAK-PAYLOAD ${payload.length}\n`), payload]), (err) => (err ? reject(err) : resolve()));
            });
        },
        kill: () => abort.abort(),
        done,
    };
}

;// CONCATENATED MODULE: ./src/run/record-watch.ts

// Live "N events captured" while the guest runs: reads what QEMU appended to the
// record file since the last look and counts modleak records.
function watchRecords(path, onCount, everyMs = 2000) {
    let offset = 0;
    let events = 0;
    let last = -1;
    const chunk = Buffer.alloc(1 << 20);
    const needle = Buffer.from('modleak1 ');
    const poll = () => {
        if (!(0,external_node_fs_.existsSync)(path))
            return;
        const fd = (0,external_node_fs_.openSync)(path, 'r');
        try {
            for (;;) {
                const n = (0,external_node_fs_.readSync)(fd, chunk, 0, chunk.length, offset);
                if (n <= 0)
                    break;
                // Stop at the last newline so a record split across reads is counted once.
                let end = chunk.lastIndexOf(10, n - 1) + 1;
                if (end === 0) {
                    if (n < chunk.length)
                        break;
                    end = n;
                }
                for (let i = chunk.indexOf(needle, 0); i >= 0 && i < end; i = chunk.indexOf(needle, i + needle.length))
                    events++;
                offset += end;
                if (n < chunk.length)
                    break;
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
        if (events !== last) {
            last = events;
            onCount(events);
        }
    };
    const timer = setInterval(poll, everyMs);
    return () => {
        clearInterval(timer);
        poll();
        return events;
    };
}

;// CONCATENATED MODULE: ./src/run/guest-helper.ts


/** The guest helper (record streamer, payload receiver, insmod), a static binary for the guest. */
function guestHelperBinary(cacheDir) {
    return compiledHelper({ source: (0,src_paths/* guestHelperSourcePath */.Nc)(), flags: ['-static', '-O2', '-s'], hint: 'gcc -static needs libc6-dev\'s libc.a' }, cacheDir);
}

;// CONCATENATED MODULE: ./src/run/header-mark.ts


// The enabled header leaves "modleak1 <object>" in a `.modleak_header` section of every
// object it is compiled into (header/modleak.h). A .ko without one from its own files
// had the header disabled (-DMODLEAK_DISABLE) in all of them: it logs nothing, which
// must not pass for "no leaks". One file opted out, as an OSAL implementation is, still
// leaves the other files' marks; an OSAL built as a .ko of its own has none, and passes
// when a module of the run that logs the calls into it uses its symbols.
const HEADER_MARK_SECTION = '.modleak_header';
const MARK_PREFIX = 'modleak1 ';
/**
 * kbuild's own objects linked into every .ko, compiled with KCFLAGS (so with the header)
 * but not with the module's ccflags: <module>.mod.c, and on 6.12 .module-common.c.
 */
const KBUILD_OBJECT = /\.mod$|^\./;
/** The objects of a .ko that were compiled with the header enabled (kbuild's KBUILD_BASENAME). */
function objectsWithHeader(ko) {
    const bytes = elfSectionBytes(ko, HEADER_MARK_SECTION);
    if (!bytes)
        return [];
    return bytes.toString('latin1').split('\0')
        .filter((mark) => mark.startsWith(MARK_PREFIX))
        .map((mark) => mark.slice(MARK_PREFIX.length))
        .filter((object) => !KBUILD_OBJECT.test(object));
}
/** The module names of the .ko files none of whose own objects had the header enabled. */
function modulesWithoutHeader(kos) {
    return kos.filter((ko) => objectsWithHeader(ko).length === 0).map(moduleName);
}
/**
 * The modules built without the header, split: one that a module built with it uses the
 * symbols of, when allocator pairs are declared (the wrapped OSAL functions), is taken
 * for an OSAL implementation; nothing explains the others, and the run cannot pass.
 */
function headerlessModules(kos, pairs) {
    const without = new Set(modulesWithoutHeader(kos));
    const used = new Set(kos.filter((ko) => !without.has(moduleName(ko))).flatMap(moduleDepends));
    const osal = pairs.length > 0 ? [...without].filter((m) => used.has(m)) : [];
    return { unchecked: [...without].filter((m) => !osal.includes(m)), osal };
}

;// CONCATENATED MODULE: ./src/run/pipeline.ts


























/** Guest memory and printk buffer: big enough that a burst of a million records is not overwritten before the streamer reads it. */
const GUEST_MEMORY_MB = 1024;
const LOG_BUF_MB = 16;
/** The test script gets the run's time limit minus what booting and draining need. */
function testScriptLimit(timeoutSec) {
    return timeoutSec >= 60 ? timeoutSec - 30 : Math.max(1, Math.floor(timeoutSec / 2));
}
/**
 * The whole run, from source directory to report. Never throws for a failed build,
 * boot, load or a timeout (those are statuses); throws RunSettingsError for settings
 * that cannot work and RunEnvironmentError for a machine that cannot run it. Anything
 * else that fails (writing the payload, reading the logs back) propagates as it is: the
 * CLI exits 3 with its message, the Action stops with it.
 */
async function runModule(settings, hooks) {
    const started = Date.now();
    const paths = preparePaths(settings);
    const kernel = await environment(settings, paths.cacheDir, hooks);
    // The guest boots from the cached base initramfs while the module builds; the module
    // follows over the payload port, so the build costs (almost) no wall time.
    const session = await bootEarly(kernel, paths, hooks);
    try {
        const build = await buildModule(paths.moduleDir, kernel.buildDir, (0,src_paths/* headerPath */.r2)(), paths.buildDir, { cacheDir: paths.cacheDir });
        (0,external_node_fs_.writeFileSync)((0,external_node_path_.join)(paths.outDir, 'build.log'), build.log);
        if (!build.ok) {
            await stopSession(session);
            return finish(buildFailedReport(build.errors, kernel.release, paths, started), paths.files);
        }
        hooks.progress(`built ${build.modules.map((m) => (0,external_node_path_.basename)(m)).join(', ')}`);
        checkArchitecture(build.modules);
        const { pairs, conflicts: pairConflictWarnings } = modulePairs(build.modules, settings.pairs ?? []);
        // Built with -DMODLEAK_DISABLE throughout: logs nothing, so the run cannot pass, unless it is an OSAL the others wrap.
        const headerless = headerlessModules(build.modules, pairs);
        const payload = await buildPayload({
            kernel,
            modules: build.modules,
            moduleParams: settings.moduleParams ?? '',
            testScript: settings.testScript ? (0,external_node_path_.resolve)(settings.testScript) : undefined,
            testScriptTimeoutSec: testScriptLimit(settings.timeoutSec),
            workDir: paths.buildDir,
        });
        for (const w of payload.warnings)
            hooks.progress(`warning: ${w}`);
        const { boot, watchdogFired } = await runGuest(session, payload.path, settings.timeoutSec, hooks);
        const analysed = await (0,analyze/* analyzeLogs */.y)({ records: paths.files.recordLog, console: paths.files.consoleLog }, {
            modules: payload.moduleNames, suppressionsFiles: settings.suppressionsFiles ?? [], pairs, requireEndMarker: true,
            headerInjected: headerless.unchecked.length + headerless.osal.length < build.modules.length, headerless, capturedByRun: true,
        });
        const init = (0,classify/* readInitLines */.Cv)(session.consoleLines);
        const report = (0,classify/* classifyRun */.I5)(analysed, {
            init,
            watchdogFired,
            interruptedBy: session.interruptedBy,
            timeoutSec: settings.timeoutSec,
            accel: boot.accel,
            durationMs: Date.now() - started,
            panicLine: (0,classify/* findPanic */.t8)(session.consoleLines),
            kernelLoadLines: init.loadFailures.length > 0 ? (0,classify/* loadErrorLines */.C)((0,external_node_fs_.readFileSync)(paths.files.recordLog, 'utf8'), payload.moduleNames) : [],
            earlyEnds: await readEarlyEnds(paths.files.recordLog, payload.runId),
            pairs,
            pairConflicts: pairConflictWarnings,
        });
        report.kernel.release ??= kernel.release;
        return finish(report, paths.files);
    }
    catch (e) {
        await stopSession(session);
        if (e instanceof CommandNotFoundError)
            throw new RunEnvironmentError(e.message);
        throw e;
    }
}
function preparePaths(settings) {
    const moduleDir = (0,external_node_path_.resolve)(settings.moduleDir);
    checkSettings(settings, moduleDir);
    const outDir = (0,external_node_path_.resolve)(settings.outDir);
    const cacheDir = (0,external_node_path_.resolve)(settings.cacheDir);
    (0,external_node_fs_.mkdirSync)(outDir, { recursive: true });
    (0,external_node_fs_.mkdirSync)(cacheDir, { recursive: true });
    const files = {
        reportJson: (0,external_node_path_.join)(outDir, 'report.json'),
        reportMd: (0,external_node_path_.join)(outDir, 'report.md'),
        consoleLog: (0,external_node_path_.join)(outDir, 'console.log'),
        recordLog: (0,external_node_path_.join)(outDir, 'records.log'),
    };
    (0,external_node_fs_.writeFileSync)(files.consoleLog, '');
    (0,external_node_fs_.writeFileSync)(files.recordLog, '');
    return { moduleDir, outDir, cacheDir, buildDir: (0,external_node_path_.join)(outDir, 'build'), files };
}
async function bootEarly(kernel, paths, hooks) {
    const helper = await guestHelperBinary(paths.cacheDir);
    const base = await baseInitramfs(kernel, helper, paths.cacheDir);
    for (const w of base.warnings)
        hooks.progress(`warning: ${w}`);
    const accel = (await kvmUsable(paths.cacheDir)) ? 'kvm' : 'tcg';
    const image = accel === 'tcg' ? await uncompressedWhenPossible(kernel.image, paths.cacheDir, hooks) : kernel.image;
    hooks.progress(`booting ${kernel.release} in QEMU (${accel}) while building ${paths.moduleDir}`);
    const consoleLines = [];
    const stopWatch = watchRecords(paths.files.recordLog, (n) => hooks.progress(`${n} events captured`));
    const guest = startGuest({
        image,
        initramfs: base.path,
        consoleLog: paths.files.consoleLog,
        recordLog: paths.files.recordLog,
        // UNIX socket paths are limited to 107 bytes: keep it out of a deep --out dir.
        payloadSocket: (0,external_node_path_.join)((0,external_node_os_.tmpdir)(), `modleak-${process.pid}-${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.sock`),
        memoryMb: GUEST_MEMORY_MB,
        logBufMb: LOG_BUF_MB,
        accel,
        cryptoSelfTests: registersCryptoAlgorithms(paths.moduleDir),
        onConsoleLine: (line) => {
            if (consoleLines.length < 200_000)
                consoleLines.push(line);
            const at = line.indexOf(init_script/* INIT_PREFIX */.WG);
            if (at >= 0)
                hooks.progress(`guest: ${line.slice(at + init_script/* INIT_PREFIX */.WG.length).trim()}`);
        },
    });
    const session = { guest, consoleLines, stopWatch };
    // QEMU runs in its own process group, out of reach of the terminal's Ctrl-C: pass
    // the signal on, or an interrupted run would leave the guest running.
    const onSignal = (signal) => {
        hooks.progress(`${signal}: stopping the guest`);
        session.interruptedBy = signal;
        guest.kill();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    void guest.done.finally(() => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
    });
    return session;
}
/** Under TCG, the kernel without its decompressor (see boot-image.ts); the bzImage when that cannot be. */
async function uncompressedWhenPossible(image, cacheDir, hooks) {
    const pvh = await pvhKernel(image, cacheDir);
    if (pvh.path)
        return pvh.path;
    hooks.progress(`note: the kernel boots with its own decompressor, which is slow under emulation: ${pvh.reason}`);
    return image;
}
async function stopSession(session) {
    session.guest.kill();
    await session.guest.done.catch(() => undefined);
    session.stopWatch();
}
/** Sends the payload and waits for the guest, killing it `timeoutSec` after the module was sent. */
async function runGuest(session, payloadPath, timeoutSec, hooks) {
    let watchdogFired = false;
    const watchdog = setTimeout(() => {
        watchdogFired = true;
        session.guest.kill();
    }, timeoutSec * 1000);
    try {
        await session.guest.deliver((0,external_node_fs_.readFileSync)(payloadPath)).catch((e) => hooks.progress(`warning: ${e.message}`));
        const boot = await session.guest.done;
        const captured = session.stopWatch();
        hooks.progress(`guest stopped after ${(boot.durationMs / 1000).toFixed(1)} s; ${captured} events captured; matching`);
        if (boot.consoleLines === 0 && !watchdogFired) {
            throw new RunEnvironmentError(`QEMU exited (code ${boot.exitCode}) before the guest printed anything: ${boot.stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}. Command: ${boot.command}`);
        }
        return { boot, watchdogFired };
    }
    finally {
        clearTimeout(watchdog);
    }
}
function buildFailedReport(errors, release, paths, started) {
    const first = errors.find((e) => e.severity === 'error') ?? errors[0];
    const where = first ? `: ${first.file}:${first.line}: ${first.message}` : '';
    const report = (0,build/* emptyReport */._O)('build-failed', `the module did not build against ${release}${where} (full log: ${(0,external_node_path_.join)(paths.outDir, 'build.log')})`);
    report.kernel.release = release;
    report.run = { buildErrors: errors, durationMs: Date.now() - started };
    return report;
}
function checkArchitecture(modules) {
    for (const ko of modules) {
        const m = elfMachine(ko);
        if (m && m.code !== EM_X86_64)
            throw new RunSettingsError(`the build produced ${ko} for ${m.name}, but modleak boots x86_64 kernels; build the module for x86_64.`);
    }
}
/** The pairs given on the command line plus each .ko's MODLEAK_DECLARE_PAIR declarations, and warnings where the .ko files disagree. */
function modulePairs(modules, given) {
    const pairs = [...given];
    const declared = modules.map((ko) => ({ module: moduleName(ko), pairs: readModulePairs(ko) }));
    for (const { pairs: own } of declared) {
        for (const p of own) {
            if (!pairs.some((q) => q.alloc === p.alloc && q.free === p.free))
                pairs.push(p);
        }
    }
    return { pairs, conflicts: pairConflicts(declared) };
}
function checkSettings(settings, moduleDir) {
    try {
        checkModuleDir(moduleDir);
        if (settings.testScript)
            checkExecutable(settings.testScript);
    }
    catch (e) {
        throw new RunSettingsError(e.message);
    }
    if (!Number.isFinite(settings.timeoutSec) || settings.timeoutSec <= 0)
        throw new RunSettingsError(`the timeout must be a positive number of seconds; got ${settings.timeoutSec}.`);
    for (const file of settings.suppressionsFiles ?? []) {
        try {
            (0,external_node_fs_.accessSync)(file, external_node_fs_.constants.R_OK);
        }
        catch {
            throw new RunSettingsError(`--suppressions ${file} does not exist or is not readable.`);
        }
    }
    if (!(0,external_node_fs_.existsSync)((0,src_paths/* headerPath */.r2)()))
        throw new RunEnvironmentError(`the modleak header ${(0,src_paths/* headerPath */.r2)()} is missing; reinstall modleak.`);
}
/** Tools and kernel: installs what is missing (root/sudo) or says exactly what to install. */
async function environment(settings, cacheDir, hooks) {
    try {
        await ensurePrograms(['make', 'gcc', 'ld', 'qemu-system-x86_64', 'cpio', 'depmod', 'xz', 'zstd', 'lz4'], hooks.progress);
        if (!(0,external_node_fs_.existsSync)(BUSYBOX) || !isStaticExecutable(BUSYBOX))
            await ensurePackages(['busybox-static'], hooks.progress);
        // gcc -static for the guest helper needs libc.a.
        if (!(0,external_node_fs_.existsSync)('/usr/lib/x86_64-linux-gnu/libc.a'))
            await ensurePackages(['libc6-dev'], hooks.progress);
        return await resolveKernel({
            kernel: settings.kernel,
            kernelImage: settings.kernelImage,
            kernelBuildDir: settings.kernelBuildDir,
            hostRelease: settings.hostRelease,
            cacheDir,
            progress: hooks.progress,
            restoreCache: hooks.restoreCache,
            saveCache: hooks.saveCache,
        });
    }
    catch (e) {
        if (e instanceof RunSettingsError || e instanceof RunEnvironmentError)
            throw e;
        const msg = e.message;
        // The user's own kernel files are settings; everything else is the machine.
        if (settings.kernelImage || settings.kernelBuildDir || /^--kernel /.test(msg))
            throw new RunSettingsError(msg);
        throw new RunEnvironmentError(msg);
    }
}
function finish(report, files) {
    (0,external_node_fs_.writeFileSync)(files.reportJson, JSON.stringify(report, null, 2) + '\n');
    (0,external_node_fs_.writeFileSync)(files.reportMd, (0,markdown/* renderMarkdown */.G)(report, { artifactHint: 'report.json beside this file' }));
    return { report, files };
}

// EXTERNAL MODULE: ./src/settings/values.ts
var values = __nccwpck_require__(535);
// EXTERNAL MODULE: ./src/cli/analyze-command.ts + 1 modules
var analyze_command = __nccwpck_require__(369);
;// CONCATENATED MODULE: ./src/cli/run-command.ts









const USAGE = `usage: modleak run --module DIR [options]

Builds the module in DIR against a real kernel with the modleak header, boots that
kernel in QEMU, loads the module, runs the test script, unloads it, and reports every
allocation that was never freed and every bad free.

options:
  --module DIR              the module's source directory (with Kbuild or Makefile); required
  --kernel auto|debian:6.1|debian:6.12
                            kernel to build against and boot (default auto: the host's own
                            kernel when /boot/vmlinuz-$(uname -r) and its headers are there,
                            otherwise debian:6.1)
  --kernel-image FILE       boot this bzImage instead (with --kernel-build-dir, same release)
  --kernel-build-dir DIR    build against this kernel build/headers directory
  --test-script FILE        executable run in the guest after the module loaded (busybox sh)
  --module-params "a=1 b=2" insmod parameters
  --timeout SEC             the guest is killed SEC seconds after the module is sent to it (default 300);
                            the test script gets SEC-30 (SEC/2 below 60)
  --out DIR                 console.log, records.log, report.json, report.md (default ./modleak-out)
  --cache-dir DIR           downloaded kernels and the guest streamer
                            (default \${XDG_CACHE_HOME:-~/.cache}/modleak)
  --suppressions FILE       suppressions file; repeatable
  --pair ALLOC:FREE         a custom allocator pair (repeatable; MODLEAK_DECLARE_PAIR in the module
                            is read automatically)
  --format text|json|markdown   report on stdout (default text)
  --max-leaks N             leaked objects allowed (default 0)
  --max-leaked-bytes N      leaked bytes allowed (default: no byte budget)
  --max-bad-frees N         bad frees allowed (default 0)

exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage,
3 the run itself failed (build error, load error, crash, timeout, incomplete log).
`;
function defaultCacheDir(env = process.env) {
    return (0,external_node_path_.join)(env.XDG_CACHE_HOME || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.cache'), 'modleak');
}
/** Node's timers take at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_TIMEOUT_SEC = Math.floor((2 ** 31 - 1) / 1000);
function parseTimeout(value) {
    if (value === undefined)
        return 300;
    const seconds = (0,values/* wholeNumber */.rD)(value, 1, MAX_TIMEOUT_SEC);
    if (seconds === undefined)
        throw new analyze_command/* UsageError */.eb(`--timeout '${value}' is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SEC} (e.g. --timeout 300)`);
    return seconds;
}
async function runCommand(args, io) {
    const options = {
        module: { type: 'string' },
        kernel: { type: 'string' },
        'kernel-image': { type: 'string' },
        'kernel-build-dir': { type: 'string' },
        'test-script': { type: 'string' },
        'module-params': { type: 'string' },
        timeout: { type: 'string' },
        out: { type: 'string' },
        'cache-dir': { type: 'string' },
        ...analyze_command/* REPORT_FLAGS */.d$,
    };
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: (0,analyze_command/* joinNegativeValues */._8)(args, options), allowPositionals: false, options });
    }
    catch (e) {
        io.stderr.write(`modleak run: ${e.message}\n\n${USAGE}`);
        return gate/* EXIT */.d.usage;
    }
    const { values } = parsed;
    if (values.version) {
        io.stdout.write((0,analyze_command/* versionLine */.b1)());
        return gate/* EXIT */.d.ok;
    }
    if (values.help) {
        io.stdout.write(USAGE);
        return gate/* EXIT */.d.ok;
    }
    let format;
    let budgets;
    let pairs;
    let timeoutSec;
    try {
        if (!values.module)
            throw new analyze_command/* UsageError */.eb('--module DIR is required: the directory holding the module source and its Kbuild or Makefile');
        const kernel = values.kernel ?? 'auto';
        if (!KERNEL_CHOICES.includes(kernel))
            throw new analyze_command/* UsageError */.eb(`--kernel '${kernel}' is not one of ${KERNEL_CHOICES.join(', ')}; for your own kernel give --kernel-image FILE --kernel-build-dir DIR`);
        if (values.kernel !== undefined && (values['kernel-image'] || values['kernel-build-dir']))
            throw new analyze_command/* UsageError */.eb('--kernel and --kernel-image/--kernel-build-dir exclude each other; give one or the other');
        if (!!values['kernel-image'] !== !!values['kernel-build-dir'])
            throw new analyze_command/* UsageError */.eb('--kernel-image and --kernel-build-dir go together; give both, from the same kernel');
        format = (0,analyze_command/* parseFormat */.Xc)(values.format);
        budgets = (0,analyze_command/* parseBudgets */.C3)(values);
        pairs = (values.pair ?? []).map(analyze_command/* parsePair */.Ar);
        timeoutSec = parseTimeout(values.timeout);
    }
    catch (e) {
        if (!(e instanceof analyze_command/* UsageError */.eb))
            throw e;
        io.stderr.write(`modleak run: ${e.message}\n\n${USAGE}`);
        return gate/* EXIT */.d.usage;
    }
    const started = Date.now();
    const progress = (message) => io.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
    let outcome;
    try {
        outcome = await runModule({
            moduleDir: values.module,
            kernel: values.kernel ?? 'auto',
            kernelImage: values['kernel-image'],
            kernelBuildDir: values['kernel-build-dir'],
            testScript: values['test-script'],
            moduleParams: values['module-params'],
            timeoutSec,
            outDir: values.out ?? 'modleak-out',
            cacheDir: values['cache-dir'] ?? defaultCacheDir(),
            suppressionsFiles: values.suppressions ?? [],
            pairs,
        }, { progress });
    }
    catch (e) {
        const usage = e instanceof RunSettingsError;
        io.stderr.write(`modleak run: ${e.message}\n`);
        return usage ? gate/* EXIT */.d.usage : gate/* EXIT */.d.runFailed;
    }
    const { report, files } = outcome;
    const color = format === 'text' && io.stdout.isTTY === true && !process.env.NO_COLOR;
    io.stdout.write((0,analyze_command/* formatReport */.CI)(report, format, color));
    const verdict = (0,gate/* gate */.G)(report, budgets);
    for (const reason of verdict.reasons)
        io.stderr.write(`modleak run: ${reason}\n`);
    io.stderr.write(`modleak run: wrote ${files.reportJson}, ${files.reportMd}, ${files.consoleLog}, ${files.recordLog}\n`);
    return verdict.exitCode;
}


/***/ }),

/***/ 575:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  vr: () => (/* binding */ ApiTable),
  xp: () => (/* binding */ REALLOC_APIS),
  ab: () => (/* binding */ dropsReference),
  mY: () => (/* binding */ isDevmAlloc),
  tL: () => (/* binding */ kernelPairProblem)
});

// UNUSED EXPORTS: isKnownAlloc, isKnownFree

;// CONCATENATED MODULE: ./src/match/kernel-version.ts
// A kernel release as the log's `Linux version` banner names it, reduced to what the
// API table's rules compare: its major and minor numbers.
/**
 * "6.12.117+deb12-cloud-amd64" -> [6, 12], "6.1.0-56-cloud-amd64" -> [6, 1], "6.4" -> [6, 4],
 * "7.0-rc1" -> [7, 0]; undefined for a release that does not start with a number.
 */
function kernelVersion(release) {
    const m = /^\s*(\d+)(?:\.(\d+))?/.exec(release);
    return m ? [Number(m[1]), Number(m[2] ?? 0)] : undefined;
}
/** True when `version` is `since` or later. */
function atLeast(version, since) {
    return version[0] !== since[0] ? version[0] > since[0] : version[1] >= since[1];
}

;// CONCATENATED MODULE: ./src/match/api-table.ts
// Which free API may release which allocation API (design.md, contract 1). A wrong
// pairing is a mismatched free. APIs not in this table are custom (OSAL) functions:
// their pairing comes from ApiPair declarations.

const ALLOC_FAMILY = new Map([
    ...['kmalloc', 'kzalloc', 'kcalloc', 'kmalloc_array', 'kmalloc_node', 'kzalloc_node', 'kcalloc_node', 'kmalloc_array_node',
        'krealloc', 'krealloc_array', 'kmemdup', 'kmemdup_nul', 'kmemdup_array', 'kstrdup', 'kstrndup', 'kasprintf', 'kvasprintf',
        'memdup_user', 'memdup_user_nul', 'memdup_array_user', 'strndup_user', 'match_strdup', 'kobject_get_path',
        'kmalloc_track_caller', 'kmalloc_node_track_caller', 'kmem_buckets_alloc',
        'kstrdup_quotable', 'kstrdup_quotable_cmdline', 'kstrdup_quotable_file', 'kstrdup_and_replace', 'kasprintf_strarray',
        // lib/bitmap.c: kmalloc_array() memory; bitmap_free() is kfree().
        'bitmap_alloc', 'bitmap_zalloc', 'bitmap_alloc_node', 'bitmap_zalloc_node'].map((a) => [a, 'slab']),
    // Both may return a string of the kernel's own .rodata (kvasprintf_const: a format without '%', or "%s" of one).
    ...['kstrdup_const', 'kvasprintf_const'].map((a) => [a, 'slab-const']),
    ...['kvmalloc', 'kvzalloc', 'kvcalloc', 'kvcalloc_node', 'kvmalloc_array', 'kvmalloc_node', 'kvzalloc_node', 'kvrealloc',
        'vmemdup_user', 'vmemdup_array_user', 'kvmemdup'].map((a) => [a, 'kv']),
    ...['vmalloc', 'vzalloc', 'vmalloc_user', 'vmalloc_node', 'vzalloc_node', '__vmalloc', 'vmalloc_32', 'vmalloc_32_user',
        'vmalloc_array', 'vcalloc', 'vmalloc_huge'].map((a) => [a, 'vmalloc']),
    ...['kmem_cache_alloc', 'kmem_cache_zalloc', 'kmem_cache_alloc_node', 'kmem_cache_alloc_lru', 'alloc_inode_sb', 'kmem_cache_alloc_bulk'].map((a) => [a, 'cache']),
    // One family: the header logs every page (a folio as its first page) by its address, and a
    // page may be released by its struct page * (__free_pages), its address (free_pages) or its
    // last reference (put_page, folio_put), whichever API allocated it.
    ...['alloc_pages', 'alloc_pages_node', '__get_free_pages', 'get_zeroed_page', 'folio_alloc'].map((a) => [a, 'pages']),
    // Split into single pages, the ones past the size given back: free_pages_exact() frees them page by page.
    ['alloc_pages_exact', 'pages-exact'],
    ...['devm_kmalloc', 'devm_kzalloc', 'devm_kcalloc', 'devm_kmalloc_array', 'devm_kstrdup', 'devm_kstrdup_const', 'devm_kmemdup',
        'devm_kmemdup_array', 'devm_kasprintf', 'devm_kvasprintf', 'devm_krealloc', 'devm_krealloc_array'].map((a) => [a, 'devm']),
    ['devm_get_free_pages', 'devm-pages'],
]);
// kfree_strarray(): kfree() of each name and of the array.
const SLAB_FREES = ['kfree', 'kfree_sensitive', 'kvfree', 'kvfree_sensitive', 'kfree_rcu', 'kvfree_rcu', 'kfree_const', 'kfree_strarray'];
/**
 * The APIs that may release each family; the realloc APIs release the old object of a
 * move or a resize to 0. kstrdup_const() (and kvasprintf_const(), built on it) may return
 * a string of the kernel's own .rodata unchanged, which only kfree_const() knows to leave
 * alone (mm/util.c: "should be freed by kfree_const"). kfree_rcu is kvfree_rcu under
 * another name (6.1 defines one as the other, 6.12 both as kvfree_rcu_arg_2), so it
 * releases vmalloc memory as well.
 */
const RELEASERS = {
    slab: [...SLAB_FREES, 'kfree_bulk', 'bitmap_free', 'krealloc', 'krealloc_array', 'kvrealloc'],
    'slab-const': ['kfree_const'],
    kv: ['kvfree', 'kvfree_sensitive', 'kvfree_rcu', 'kfree_rcu', 'kvrealloc'],
    vmalloc: ['vfree', 'kvfree', 'kvfree_sensitive', 'kvfree_rcu', 'kfree_rcu', 'kvrealloc'],
    cache: ['kmem_cache_free', 'kmem_cache_free_bulk'],
    pages: ['__free_pages', 'free_pages', 'free_page', 'put_page', 'folio_put'],
    'pages-exact': ['free_pages_exact'],
    devm: ['devm_kfree', 'devm_krealloc', 'devm_krealloc_array'],
    'devm-pages': ['devm_free_pages'],
};
/**
 * Frees a family may also use since a kernel release, by the kernel's own documentation:
 * since SLOB's removal (6.4) kfree and kvfree may release kmem_cache objects
 * (Documentation/core-api/memory-allocation.rst), since 6.12 kfree_rcu and kvfree_rcu
 * too (include/linux/rcupdate.h; kmem_cache_destroy waits for them). Oldest first.
 */
const LATER_RELEASERS = {
    // What is kfree underneath goes with it: kvfree_sensitive (kvfree after clearing the length
    // it is given), kfree_bulk (kmem_cache_free_bulk(NULL, ...), which finds each object's cache
    // as kfree does), kfree_const (kfree of what is not .rodata), bitmap_free (kfree). Not
    // kfree_sensitive: its ksize() is for kmalloc() memory only.
    cache: [
        { since: [6, 4], frees: ['kfree', 'kvfree', 'kvfree_sensitive', 'kfree_bulk', 'kfree_const', 'bitmap_free', 'kfree_strarray'] },
        { since: [6, 12], frees: ['kfree_rcu', 'kvfree_rcu'] },
    ],
};
const KNOWN_FREES = new Set([
    'kfree', 'kfree_sensitive', 'kfree_const', 'kvfree', 'kvfree_sensitive', 'vfree', 'kmem_cache_free',
    '__free_pages', 'free_pages', 'free_page', 'kfree_rcu', 'kvfree_rcu', 'devm_kfree',
    'kfree_bulk', 'kmem_cache_free_bulk', 'put_page', 'folio_put', 'bitmap_free', 'free_pages_exact', 'devm_free_pages', 'kfree_strarray',
]);
/**
 * Frees that drop a page's last reference (the header logs only that one): the page may
 * have come from anywhere (a subsystem hands a driver pages it then puts), so a release of
 * an address the module never allocated is not a bad free.
 */
const REFERENCE_DROPS = new Set(['put_page', 'folio_put']);
const REALLOC_APIS = new Set(['krealloc', 'krealloc_array', 'kvrealloc', 'devm_krealloc', 'devm_krealloc_array']);
function isKnownAlloc(api) {
    return ALLOC_FAMILY.has(api);
}
function isKnownFree(api) {
    return KNOWN_FREES.has(api);
}
function dropsReference(api) {
    return REFERENCE_DROPS.has(api);
}
/**
 * What is wrong with a declared pair that names kernel APIs, or undefined: two the kernel
 * never pairs (kmalloc:vfree; kmem_cache_alloc:kfree is allowed from 6.4, so not that),
 * which hides real mismatched frees, or a kernel free API declared as the allocator or a
 * kernel allocator as the free. A pair is for an OSAL's own functions.
 */
function kernelPairProblem({ alloc, free }) {
    const allocates = isKnownAlloc(alloc) || REALLOC_APIS.has(alloc);
    if (allocates && isKnownFree(free)) {
        const verdict = new ApiTable().mayRelease(alloc, free);
        if (verdict.ok === false && verdict.allowedSince === undefined) {
            return `it makes ${free}() a valid release of ${alloc}() memory, which no kernel allows: such a free is no longer reported as mismatched`;
        }
        return undefined;
    }
    if (isKnownFree(alloc))
        return `${alloc}() is a kernel free API, declared here as the allocator`;
    if (allocates && free === alloc)
        return `${alloc}() is declared as its own free`;
    if (isKnownAlloc(free) || REALLOC_APIS.has(free))
        return `${free}() is a kernel allocation API, declared here as the free`;
    return undefined;
}
/** Released by the driver core when the device unbinds. */
function isDevmAlloc(api) {
    const family = ALLOC_FAMILY.get(api);
    return family === 'devm' || family === 'devm-pages';
}
/** How many decided pairs firstVerdict() looks through. */
const FIRST_VERDICTS = 16;
/** The answer to "may `freeApi` release an object allocated by `allocApi`?". */
class ApiTable {
    customFrees = new Map();
    declaredFrees = new Set();
    constructor(pairs = []) {
        for (const { alloc, free } of pairs) {
            const list = this.customFrees.get(alloc) ?? [];
            if (!list.includes(free))
                list.push(free);
            this.customFrees.set(alloc, list);
            this.declaredFrees.add(free);
        }
    }
    /** True for an API the matcher can say something about (built in or declared). */
    isDeclared(api) {
        return ALLOC_FAMILY.has(api) || KNOWN_FREES.has(api) || REALLOC_APIS.has(api) || this.customFrees.has(api) || this.declaredFrees.has(api);
    }
    verdicts = new Map();
    /** The kernel that ran; until the log names it, the oldest rules hold. */
    kernel;
    /** The kernel that ran (the log's `Linux version` banner): verdicts from now on follow its rules (undefined: the oldest). */
    setKernelRelease(release) {
        this.kernel = release === undefined ? undefined : kernelVersion(release);
        this.verdicts.clear();
        this.firstVerdicts.length = 0;
        this.lastAlloc = undefined;
        this.lastFree = undefined;
        this.lastVerdict = undefined;
    }
    /** Memoized: called once per free of a long log, with a handful of distinct pairs. */
    mayRelease(allocApi, freeApi) {
        if (allocApi === this.lastAlloc && freeApi === this.lastFree)
            return this.lastVerdict;
        const verdict = this.firstVerdict(allocApi, freeApi) ?? this.lookup(allocApi, freeApi);
        this.lastAlloc = allocApi;
        this.lastFree = freeApi;
        this.lastVerdict = verdict;
        return verdict;
    }
    lastAlloc;
    lastFree;
    lastVerdict;
    /**
     * The first pairs decided, looked through before the maps: the byte parser interns API
     * names, and V8 compares two interned strings by identity (a map hashes and probes).
     */
    firstVerdicts = [];
    firstVerdict(allocApi, freeApi) {
        const first = this.firstVerdicts;
        for (let k = 0; k < first.length; k++) {
            const entry = first[k];
            if (entry.allocApi === allocApi && entry.freeApi === freeApi)
                return entry.verdict;
        }
        return undefined;
    }
    lookup(allocApi, freeApi) {
        let byFree = this.verdicts.get(allocApi);
        if (byFree === undefined) {
            byFree = new Map();
            if (this.verdicts.size < 1000)
                this.verdicts.set(allocApi, byFree);
        }
        let verdict = byFree.get(freeApi);
        if (verdict === undefined) {
            verdict = this.decide(allocApi, freeApi);
            if (byFree.size < 1000)
                byFree.set(freeApi, verdict);
        }
        if (this.firstVerdicts.length < FIRST_VERDICTS)
            this.firstVerdicts.push({ allocApi, freeApi, verdict });
        return verdict;
    }
    decide(allocApi, freeApi) {
        const family = ALLOC_FAMILY.get(allocApi);
        const custom = this.customFrees.get(allocApi);
        if (custom) {
            // A built-in allocation API re-declared by the user keeps its built-in releasers too.
            const allowed = family ? [...this.releasers(family), ...custom] : custom;
            return allowed.includes(freeApi) ? { ok: true } : this.mismatch(family, freeApi, allowed);
        }
        if (family) {
            const allowed = this.releasers(family);
            if (allowed.includes(freeApi))
                return { ok: true };
            // An undeclared custom free of a built-in object: its implementation is unknown.
            if (!this.isDeclared(freeApi))
                return { ok: 'unknown' };
            return this.mismatch(family, freeApi, allowed);
        }
        // Custom allocation with no declared pair: only a declared free of some other pair is wrong.
        return { ok: 'unknown' };
    }
    /** The frees that may release `family` on the kernel that ran (the oldest rules while it is unknown). */
    releasers(family) {
        const later = LATER_RELEASERS[family];
        const kernel = this.kernel;
        if (later === undefined || kernel === undefined)
            return RELEASERS[family];
        return [...RELEASERS[family], ...later.filter((r) => atLeast(kernel, r.since)).flatMap((r) => r.frees)];
    }
    /** A mismatch; while the kernel is unknown, it names the first later release that would allow `freeApi`. */
    mismatch(family, freeApi, expected) {
        const later = family === undefined || this.kernel !== undefined ? undefined : LATER_RELEASERS[family];
        const first = later === undefined ? -1 : later.findIndex((r) => r.frees.includes(freeApi));
        if (first < 0)
            return { ok: false, expected };
        const [major, minor] = later[first].since;
        return { ok: false, expected, allowedSince: { release: `${major}.${minor}`, frees: later.slice(0, first + 1).flatMap((r) => r.frees) } };
    }
}


/***/ }),

/***/ 560:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  P: () => (/* binding */ Matcher),
  M: () => (/* binding */ RECENT_FREES)
});

// EXTERNAL MODULE: ./src/match/api-table.ts + 1 modules
var api_table = __nccwpck_require__(575);
;// CONCATENATED MODULE: ./src/match/live-set.ts
// The live objects by address: the matcher's hottest structure (one lookup per
// record). Number keys (the common case, see PointerKeys) live in an open-addressing
// table over typed arrays, several times cheaper than a Map with keys beyond the
// small-integer range; the rare string keys use a Map. An object is held field by
// field (names and sites are shared, interned objects), not as its event: a long log
// allocates millions of objects, and keeping each event alive until its free would make
// the garbage collector promote them all and the heap grow with the log. Objects come
// back (rebuilt) in the order they were first inserted, like a Map's.
const EMPTY = -1;
const MIN_CAPACITY = 1024;
const NUMBERS = 4;
const REFS = 3;
class LiveSet {
    /** Probed on every lookup, so kept apart from the rest. */
    keys = new Float64Array(MIN_CAPACITY).fill(EMPTY);
    /** Per slot, side by side: size, log line, seq (NaN: none), insertion order. */
    numbers = new Float64Array(MIN_CAPACITY * NUMBERS);
    /** Per slot, side by side: module, api, site. */
    refs = new Array(MIN_CAPACITY * REFS).fill(undefined);
    mask = MIN_CAPACITY - 1;
    count = 0;
    strings = new Map();
    nextOrder = 0;
    get size() {
        return this.count + this.strings.size;
    }
    get(key) {
        if (typeof key === 'string')
            return this.strings.get(key)?.value;
        const slot = this.find(key);
        return slot < 0 ? undefined : this.object(slot);
    }
    /** Inserts or replaces; a replaced object keeps its place in the order. */
    set(key, value) {
        this.swap(key, value);
    }
    /** set(), returning the object it replaced. */
    swap(key, value) {
        if (typeof key === 'string') {
            const known = this.strings.get(key);
            if (!known) {
                this.strings.set(key, { value, order: this.nextOrder++ });
                return undefined;
            }
            const previous = known.value;
            known.value = value;
            return previous;
        }
        const slot = this.find(key);
        if (slot >= 0) {
            const previous = this.object(slot);
            this.store(slot, value);
            return previous;
        }
        this.insertNew(key, value.module, value.api, value.site, value.size, value.logLine, value.seq ?? Number.NaN);
        return undefined;
    }
    /**
     * set() of a new number key from its fields (no object): false, and nothing changed,
     * when the key is already live.
     */
    insertNew(key, module, api, site, size, logLine, seq) {
        const keys = this.keys;
        const mask = this.mask;
        let slot = hash(key) & mask;
        for (;; slot = (slot + 1) & mask) {
            const k = keys[slot];
            if (k === key)
                return false;
            if (k === EMPTY)
                break;
        }
        keys[slot] = key;
        this.storeFields(slot, module, api, site, size, logLine, seq);
        this.numbers[slot * NUMBERS + 3] = this.nextOrder++;
        if (++this.count * 2 > keys.length)
            this.grow();
        return true;
    }
    delete(key) {
        return this.take(key) !== undefined;
    }
    /** Removes the object at key and returns it (one probe where get + delete take two). */
    take(key) {
        if (typeof key === 'string') {
            const known = this.strings.get(key);
            if (known)
                this.strings.delete(key);
            return known?.value;
        }
        const slot = this.find(key);
        if (slot < 0)
            return undefined;
        const taken = this.object(slot);
        this.removeAt(slot);
        return taken;
    }
    /**
     * The hot path of a free, without building the object: the slot of a number key (-1
     * when absent), its fields, and its removal. A slot is valid until the next change.
     */
    slotOf(key) {
        return this.find(key);
    }
    apiAt(slot) {
        return this.refs[slot * REFS + 1];
    }
    sizeAt(slot) {
        return this.numbers[slot * NUMBERS];
    }
    moduleAt(slot) {
        return this.refs[slot * REFS];
    }
    siteAt(slot) {
        return this.refs[slot * REFS + 2];
    }
    lineAt(slot) {
        return this.numbers[slot * NUMBERS + 1];
    }
    /** NaN: none. */
    seqAt(slot) {
        return this.numbers[slot * NUMBERS + 2];
    }
    objectAt(slot) {
        return this.object(slot);
    }
    removeSlot(slot) {
        this.removeAt(slot);
    }
    /**
     * Removes the objects of `module` (all, when undefined) and returns them as [key,
     * object] in first-insertion order. Only theirs are built: a module unloaded many
     * times beside another that holds many objects must not cost a copy of all of them
     * each time.
     */
    takeModule(module) {
        const found = [];
        const keys = this.keys;
        const refs = this.refs;
        for (let slot = 0; slot < keys.length; slot++) {
            if (keys[slot] !== EMPTY && (module === undefined || refs[slot * REFS] === module)) {
                found.push({ key: keys[slot], value: this.object(slot), order: this.numbers[slot * NUMBERS + 3] });
            }
        }
        for (const [key, { value, order }] of this.strings)
            if (module === undefined || value.module === module)
                found.push({ key, value, order });
        found.sort((a, b) => a.order - b.order);
        for (const { key } of found)
            this.delete(key);
        return found.map((e) => [e.key, e.value]);
    }
    /**
     * The live object `key` points inside (past its start), and how far in. One pass over
     * the table, no object made for the others: this runs for every invalid free.
     */
    findContaining(key, pointers) {
        const keys = this.keys;
        const numbers = this.numbers;
        for (let slot = 0; slot < keys.length; slot++) {
            const start = keys[slot];
            if (start === EMPTY)
                continue;
            const offset = pointers.offsetInside(key, start, numbers[slot * NUMBERS]);
            if (offset >= 0)
                return { object: this.object(slot), offset };
        }
        for (const [start, { value: object }] of this.strings) {
            const offset = pointers.offsetInside(key, start, object.size);
            if (offset >= 0)
                return { object, offset };
        }
        return undefined;
    }
    find(key) {
        const keys = this.keys;
        const mask = this.mask;
        for (let slot = hash(key) & mask;; slot = (slot + 1) & mask) {
            const k = keys[slot];
            if (k === key)
                return slot;
            if (k === EMPTY)
                return -1;
        }
    }
    store(slot, o) {
        this.storeFields(slot, o.module, o.api, o.site, o.size, o.logLine, o.seq ?? Number.NaN);
    }
    /** An object's fields into `slot` (its key and insertion order are the caller's). */
    storeFields(slot, module, api, site, size, logLine, seq) {
        const n = slot * NUMBERS;
        const numbers = this.numbers;
        numbers[n] = size;
        numbers[n + 1] = logLine;
        numbers[n + 2] = seq;
        const r = slot * REFS;
        const refs = this.refs;
        refs[r] = module;
        refs[r + 1] = api;
        refs[r + 2] = site;
    }
    object(slot) {
        const seq = this.seqAt(slot);
        return {
            type: 'alloc', module: this.moduleAt(slot), logLine: this.lineAt(slot), seq: Number.isNaN(seq) ? undefined : seq,
            api: this.apiAt(slot), ptr: this.keys[slot], size: this.sizeAt(slot), site: this.siteAt(slot),
        };
    }
    move(to, from) {
        this.keys[to] = this.keys[from];
        const numbers = this.numbers;
        const t = to * NUMBERS;
        const f = from * NUMBERS;
        numbers[t] = numbers[f];
        numbers[t + 1] = numbers[f + 1];
        numbers[t + 2] = numbers[f + 2];
        numbers[t + 3] = numbers[f + 3];
        const refs = this.refs;
        refs[to * REFS] = refs[from * REFS];
        refs[to * REFS + 1] = refs[from * REFS + 1];
        refs[to * REFS + 2] = refs[from * REFS + 2];
    }
    /** Backward-shift deletion: no tombstones, so lookups stay short. */
    removeAt(slot) {
        const keys = this.keys;
        const mask = this.mask;
        let hole = slot;
        for (let next = (hole + 1) & mask;; next = (next + 1) & mask) {
            const k = keys[next];
            if (k === EMPTY)
                break;
            // Move k into the hole unless its home lies cyclically in (hole, next]. Distances
            // from the hole, not comparisons that depend on the table wrapping round: one path,
            // whose type feedback V8 has from the first collision on (a path first taken late
            // throws the optimized code away).
            const fromHole = ((hash(k) & mask) - hole) & mask;
            if (fromHole === 0 || fromHole > ((next - hole) & mask)) {
                this.move(hole, next);
                hole = next;
            }
        }
        keys[hole] = EMPTY;
        this.refs[hole * REFS + 2] = undefined;
        this.count--;
    }
    grow() {
        const old = { keys: this.keys, numbers: this.numbers, refs: this.refs };
        const capacity = old.keys.length * 2;
        this.keys = new Float64Array(capacity).fill(EMPTY);
        this.numbers = new Float64Array(capacity * NUMBERS);
        this.refs = new Array(capacity * REFS).fill(undefined);
        this.mask = capacity - 1;
        for (let from = 0; from < old.keys.length; from++) {
            const k = old.keys[from];
            if (k === EMPTY)
                continue;
            let to = hash(k) & this.mask;
            while (this.keys[to] !== EMPTY)
                to = (to + 1) & this.mask;
            this.keys[to] = k;
            this.numbers.set(old.numbers.subarray(from * NUMBERS, from * NUMBERS + NUMBERS), to * NUMBERS);
            for (let j = 0; j < REFS; j++)
                this.refs[to * REFS + j] = old.refs[from * REFS + j];
        }
    }
}
/** Mixes both halves of a key below 2^53 (addresses often differ only in a few middle bits). */
function hash(key) {
    const lo = key >>> 0;
    const hi = (key / 4294967296) >>> 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    h = Math.imul(h, 0xc2b2ae35);
    return (h ^ (h >>> 13)) >>> 0;
}

;// CONCATENATED MODULE: ./src/match/recent-frees.ts
// Numbers per free: the key (NaN when it is a string key), the allocation's size, line, seq, the free's line, seq.
const recent_frees_NUMBERS = 6;
// References per free: the allocation's module, api, site, the free's api, site, and a string key.
const recent_frees_REFS = 6;
class RecentFrees {
    capacity;
    numbers;
    refs;
    next = 0;
    filled = 0;
    constructor(capacity) {
        this.capacity = capacity;
        this.numbers = new Float64Array(capacity * recent_frees_NUMBERS);
        this.refs = new Array(capacity * recent_frees_REFS).fill(undefined);
    }
    remember(key, object, event) {
        this.rememberFields(key, object.module, object.api, object.site, object.size, object.logLine, object.seq ?? Number.NaN, event.api, event.site, event.logLine, event.seq ?? Number.NaN);
    }
    /** remember() without objects; a seq of NaN = none. */
    rememberFields(key, module, api, site, size, logLine, allocSeq, freeApi, freeSite, freeLine, freeSeq) {
        const slot = this.next;
        this.next = slot + 1 === this.capacity ? 0 : slot + 1;
        if (this.filled < this.capacity)
            this.filled++;
        const n = slot * recent_frees_NUMBERS;
        const numbers = this.numbers;
        const isNumber = typeof key === 'number';
        numbers[n] = isNumber ? key : Number.NaN;
        numbers[n + 1] = size;
        numbers[n + 2] = logLine;
        numbers[n + 3] = allocSeq;
        numbers[n + 4] = freeLine;
        numbers[n + 5] = freeSeq;
        const r = slot * recent_frees_REFS;
        const refs = this.refs;
        refs[r] = module;
        refs[r + 1] = api;
        refs[r + 2] = site;
        refs[r + 3] = freeApi;
        refs[r + 4] = freeSite;
        refs[r + 5] = isNumber ? undefined : key;
    }
    /** The newest remembered free of `key`, or undefined. */
    find(key) {
        const isNumber = typeof key === 'number';
        for (let k = 1; k <= this.filled; k++) {
            const slot = (this.next - k + this.capacity) % this.capacity;
            if (isNumber ? this.numbers[slot * recent_frees_NUMBERS] === key : this.refs[slot * recent_frees_REFS + 5] === key)
                return this.at(slot, key);
        }
        return undefined;
    }
    /**
     * The newest remembered free whose object `key` points inside (not at its start), and how
     * far in; not one whose address was handed out again since (`reused`, or a newer free of
     * an object there): its memory is another object's now.
     */
    findContaining(key, pointers, reused) {
        const newer = new Set();
        for (let k = 1; k <= this.filled; k++) {
            const slot = (this.next - k + this.capacity) % this.capacity;
            const number = this.numbers[slot * recent_frees_NUMBERS];
            const start = Number.isNaN(number) ? this.refs[slot * recent_frees_REFS + 5] : number;
            const offset = pointers.offsetInside(key, start, this.numbers[slot * recent_frees_NUMBERS + 1]);
            if (offset >= 0 && !newer.has(start) && !reused(start))
                return { freed: this.at(slot, start), offset };
            newer.add(start);
        }
        return undefined;
    }
    at(slot, key) {
        const n = slot * recent_frees_NUMBERS;
        const r = slot * recent_frees_REFS;
        const allocSeq = this.numbers[n + 3];
        const freeSeq = this.numbers[n + 5];
        return {
            allocation: {
                type: 'alloc', module: this.refs[r], logLine: this.numbers[n + 2], seq: Number.isNaN(allocSeq) ? undefined : allocSeq,
                api: this.refs[r + 1], ptr: key, size: this.numbers[n + 1], site: this.refs[r + 2],
            },
            free: { api: this.refs[r + 3], site: this.refs[r + 4], logLine: this.numbers[n + 4], ...(Number.isNaN(freeSeq) ? {} : { seq: freeSeq }) },
        };
    }
}

// EXTERNAL MODULE: ./src/match/pointer.ts
var pointer = __nccwpck_require__(604);
;// CONCATENATED MODULE: ./src/match/matcher.ts




/** The object a reallocation leaves live, shaped like an allocation event. */
function reallocated(event, key, size) {
    return { type: 'alloc', module: event.module, logLine: event.logLine, seq: event.seq, api: event.api, ptr: key, size, site: event.site };
}
const SAMPLES = 5;
/**
 * How many frees are remembered to name a double free's first free. Older double
 * frees are still caught, as invalid frees (whose words say they may be one).
 */
const RECENT_FREES = 4096;
/** How many names the matcher's identity caches hold. */
const IDENTITY_CACHE = 16;
/**
 * Whether `names` holds `name`: a loop rather than a map, since the byte parser interns
 * names and V8 compares two interned strings by identity (a map hashes and probes).
 */
function holds(names, name) {
    for (let k = 0; k < names.length; k++)
        if (names[k] === name)
            return true;
    return false;
}
class Matcher {
    options;
    table;
    ptrs;
    /** Live objects by address (only the live set: it stays small and in cache). */
    live = new LiveSet();
    /** The last `recentFrees` frees, searched only when a free misses the live set, to tell a double free from an invalid one. */
    freed;
    leaks = new Map();
    badFrees = [];
    droppedBadFrees = 0;
    markers = new Map();
    /** Each module's last END's log line. */
    endLines = new Map();
    /** Modules whose first marker was an END, and its line. */
    headless = new Map();
    devmAtEnd = new Map();
    unpairedApis = new Set();
    /** put_page/folio_put of pages not live (nor at an END), per API: how many, and the first one's line. */
    foreignPuts = new Map();
    /**
     * The last objects still allocated at their module's END (reported as leaked there),
     * so that a later free of one is named for what it is rather than "never allocated".
     */
    leakedAtEnd = new Map();
    lastModule;
    /**
     * Modules whose last marker is END and that have not logged a record since, with the
     * END's line: a record of one means its code ran after it was unloaded.
     */
    unloaded = [];
    /**
     * The API of the last allocation and of the last free checked: each kind mostly repeats
     * one API, as the same string object (a string compared with a different one costs a
     * call, so one cache for both kinds, which alternate, would cost one per record).
     */
    lastAllocApi;
    lastFreeApi;
    /** The first APIs checked and modules noted, looked through (see holds) before any map. */
    checkedApis = [];
    notedModules = [];
    allocations = 0;
    frees = 0;
    failedAllocations = 0;
    liveBytes = 0;
    peakLiveBytes = 0;
    peakAt;
    maxBadFrees;
    constructor(options) {
        this.options = options;
        this.table = new api_table/* ApiTable */.vr(options.pairs ?? []);
        this.ptrs = options.pointers ?? new pointer/* PointerKeys */.Yq();
        this.freed = new RecentFrees(options.recentFrees ?? RECENT_FREES);
        this.maxBadFrees = options.maxBadFrees ?? 10_000;
    }
    apply(event) {
        // Not through enterModule: lastModule keeps the field path's own string, so that its
        // comparison is one of identity (an equal string from the text path would cost a call each time).
        this.noteModule(event.module);
        switch (event.type) {
            case 'alloc':
                if (this.unloaded.length !== 0)
                    this.checkUnloaded(event.module, event.logLine);
                this.allocate(event, event.ptr, event.size);
                return;
            case 'free':
                if (this.unloaded.length !== 0)
                    this.checkUnloaded(event.module, event.logLine);
                this.release(event, event.ptr);
                return;
            case 'realloc':
                if (this.unloaded.length !== 0)
                    this.checkUnloaded(event.module, event.logLine);
                this.reallocate(event);
                return;
            case 'begin':
                if (this.markers.get(event.module) === 'begin') {
                    this.note('marker', 'warning', event.logLine, `module ${event.module} BEGIN again without an END after the previous BEGIN`);
                }
                this.markers.set(event.module, 'begin');
                this.forgetUnloaded(event.module);
                return;
            case 'end':
                const state = this.markers.get(event.module);
                if (state === 'end') {
                    this.note('marker', 'warning', event.logLine, `module ${event.module} END again after its END at log line ${this.endLines.get(event.module)}, with no BEGIN between: the first was written by something else than the module's unload (a test script writing the marker) or the log lost a BEGIN; objects allocated since the first END are counted here`);
                }
                else if (state !== 'begin') {
                    this.note('marker', 'warning', event.logLine, `module ${event.module} END without a BEGIN before it`);
                    if (!this.endLines.has(event.module))
                        this.headless.set(event.module, event.logLine);
                }
                this.markers.set(event.module, 'end');
                this.endLines.set(event.module, event.logLine);
                this.forgetUnloaded(event.module);
                this.unloaded.push({ module: event.module, endLine: event.logLine });
                // The field path checks a module when the records switch to it: make the next one a switch.
                this.lastModule = undefined;
                this.collectLeaks(event.module, (this.options.lostSoFar?.() ?? 0) > 0 ? 'live-at-end' : 'leak', { module: event.module, ...logRef(event) });
                return;
        }
    }
    /** The kernel that ran, once the log names it: the API table answers by its rules from then on. */
    setKernelRelease(release) {
        this.table.setKernelRelease(release);
    }
    names(module, api) {
        this.noteModule(module);
        this.checkApi(api);
    }
    /** apply() of an allocation at a number key, from its fields: the common record, without an object. */
    allocNumber(module, logLine, seq, api, key, size, site) {
        if (module !== this.lastModule)
            this.enterModule(module, logLine);
        this.forgetLeakedAtEnd(key);
        if (!this.live.insertNew(key, module, api, site, size, logLine, seq)) {
            // Still live: the event path words the warning.
            this.allocate({ type: 'alloc', module, logLine, seq, api, ptr: key, size, site }, key, size);
            return;
        }
        this.allocations++;
        this.grow(size, logLine, seq);
    }
    /** apply() of a free at a number key, from its fields: the common record, without an object. */
    freeNumber(module, logLine, seq, api, key, site) {
        if (module !== this.lastModule)
            this.enterModule(module, logLine);
        const live = this.live;
        const slot = live.slotOf(key);
        if (slot < 0 || this.table.mayRelease(live.apiAt(slot), api).ok === false) {
            // A bad free: the event path reports it.
            this.release({ type: 'free', module, logLine, seq, api, ptr: key, site }, key);
            return;
        }
        this.freeSlot(slot, key, api, site, logLine, seq);
    }
    /**
     * Call once, at the end of the log. Everything still live becomes a `live-at-end`
     * group; the report builder relabels those as leaks when the run's status allows.
     */
    finish() {
        const liveObjects = this.live.size;
        this.collectLeaks(undefined, 'live-at-end');
        for (const [module, devm] of this.devmAtEnd) {
            this.options.diagnostics.add('devm', {
                severity: 'info', file: this.options.file,
                message: `${devm.objects} devm_* object(s) (${devm.bytes} bytes) of module ${module} were still allocated at the end; the driver core frees them when the device unbinds, so they are not reported as leaks`,
            });
        }
        for (const [api, { count, logLine }] of this.foreignPuts) {
            this.options.diagnostics.add('foreign-put', {
                severity: 'info', file: this.options.file, line: logLine,
                message: `${count} ${api}() call(s) dropped the last reference to a page that was not allocated at the time (the first at log line ${logLine}): pages the kernel handed the module, or pages it freed that came back to it; not counted as frees`,
            });
        }
        for (const api of this.unpairedApis) {
            this.options.diagnostics.add('unpaired', {
                severity: 'info', file: this.options.file, field: 'api',
                message: `${api} is not a kernel allocation or free API modleak knows and no pair declares it (--pair ALLOC:FREE, the Action's pairs, or MODLEAK_DECLARE_PAIR); its objects are matched by address but mismatched frees are not checked`,
            });
        }
        const modules = [...this.markers.keys()];
        return {
            allocations: this.allocations,
            frees: this.frees,
            failedAllocations: this.failedAllocations,
            peakLiveBytes: this.peakLiveBytes,
            ...(this.peakAt ? { peakAt: this.peakAt } : {}),
            leaks: [...this.leaks.values()],
            badFrees: this.badFrees,
            droppedBadFrees: this.droppedBadFrees,
            modules,
            endedModules: modules.filter((m) => this.markers.get(m) === 'end'),
            openModules: modules.filter((m) => this.markers.get(m) === 'begin'),
            unmarkedModules: modules.filter((m) => this.markers.get(m) === 'none'),
            headlessModules: [...this.headless].map(([module, endLine]) => ({ module, endLine })),
            liveObjects,
        };
    }
    allocate(event, key, size) {
        if ((0,pointer/* isNullPtr */.ax)(key)) {
            this.failedAllocations++;
            return;
        }
        if ((0,pointer/* isZeroSizePtr */.kV)(key))
            return;
        this.checkAllocApi(event.api);
        this.forgetLeakedAtEnd(key);
        const previous = this.live.swap(key, event.type === 'alloc' ? event : reallocated(event, key, size));
        if (previous !== undefined) {
            const doubleFree = this.badFrees.find((b) => b.kind === 'double-free');
            const cause = doubleFree === undefined
                ? 'its free was not logged'
                : `its free was not logged, or the double free at log line ${doubleFree.logLine} corrupted the allocator's free list so that it handed the address out twice`;
            this.note('reused-live', 'warning', event.logLine, `${event.api} returned ${this.ptrs.display(key)}, which was still live (allocated at ${where(previous.site)} via ${previous.api}, log line ${previous.logLine}): ${cause}, so the earlier object is forgotten`);
            this.liveBytes -= previous.size;
            // The allocator handed the address out again, so the earlier object was released:
            // counted as freed, which keeps allocations - frees = objects still allocated.
            this.frees++;
        }
        this.allocations++;
        this.grow(size, event.logLine, event.seq);
    }
    grow(delta, logLine, seq) {
        this.liveBytes += delta;
        if (this.liveBytes > this.peakLiveBytes) {
            this.peakLiveBytes = this.liveBytes;
            this.peakAt = seq === undefined ? { logLine } : { logLine, seq };
        }
    }
    /** Frees `key` via event.api; returns false when there was no live object to free. */
    release(event, key) {
        if ((0,pointer/* isNullPtr */.ax)(key) || (0,pointer/* isZeroSizePtr */.kV)(key))
            return true;
        this.checkFreeApi(event.api);
        if (typeof key === 'number')
            return this.releaseNumber(event, key);
        const object = this.live.take(key);
        if (object === undefined) {
            this.reportMissing(event, key);
            return false;
        }
        const verdict = this.table.mayRelease(object.api, event.api);
        if (verdict.ok === false)
            this.addBadFree({ ...this.badBase(event, key), kind: 'mismatched-free', allocation: this.allocationRef(object), ...mismatchOf(verdict) });
        this.liveBytes -= object.size;
        this.frees++;
        this.freed.remember(key, object, event);
        return true;
    }
    /** release() of the common key, read in place from the live set (no object built). */
    releaseNumber(event, key) {
        const live = this.live;
        const slot = live.slotOf(key);
        if (slot < 0) {
            this.reportMissing(event, key);
            return false;
        }
        const api = live.apiAt(slot);
        const verdict = this.table.mayRelease(api, event.api);
        if (verdict.ok === false)
            this.addBadFree({ ...this.badBase(event, key), kind: 'mismatched-free', allocation: this.allocationRef(live.objectAt(slot)), ...mismatchOf(verdict) });
        this.freeSlot(slot, key, event.api, event.site, event.logLine, event.seq ?? Number.NaN);
        return true;
    }
    /** Frees the live object in `slot` (its release already checked), remembering the free; a seq of NaN = none. */
    freeSlot(slot, key, api, site, logLine, seq) {
        const live = this.live;
        const size = live.sizeAt(slot);
        this.liveBytes -= size;
        this.frees++;
        this.freed.rememberFields(key, live.moduleAt(slot), live.apiAt(slot), live.siteAt(slot), size, live.lineAt(slot), live.seqAt(slot), api, site, logLine, seq);
        live.removeSlot(slot);
    }
    reallocate(event) {
        const oldKey = event.oldPtr;
        if ((0,pointer/* isNullPtr */.ax)(oldKey) || (0,pointer/* isZeroSizePtr */.kV)(oldKey)) {
            this.allocate(event, event.newPtr, event.size);
            return;
        }
        if (event.size === 0) {
            this.release(event, event.oldPtr);
            return;
        }
        const newKey = event.newPtr;
        if ((0,pointer/* isNullPtr */.ax)(newKey)) {
            this.failedAllocations++;
            return;
        }
        if (newKey !== oldKey) {
            this.release(event, event.oldPtr);
            this.allocate(event, event.newPtr, event.size);
            return;
        }
        const object = this.live.get(oldKey);
        if (object === undefined) {
            this.reportMissing(event, oldKey);
            this.allocate(event, event.newPtr, event.size);
            return;
        }
        const verdict = this.table.mayRelease(object.api, event.api);
        if (verdict.ok === false)
            this.addBadFree({ ...this.badBase(event, oldKey), kind: 'mismatched-free', allocation: this.allocationRef(object), ...mismatchOf(verdict) });
        // Resized in place: same object, now owned by the reallocation's site and size.
        this.live.set(oldKey, reallocated(event, oldKey, event.size));
        this.grow(event.size - object.size, event.logLine, event.seq);
    }
    reportMissing(event, key) {
        // The last reference to a page that is not live may be one the kernel handed the module,
        // or a page it freed that came back to it: not a double or invalid free (below, only a
        // page inside a live object or one still allocated at an END is).
        const drop = (0,api_table/* dropsReference */.ab)(event.api);
        if (drop && this.foreignPutCount() >= this.maxBadFrees) {
            // Beyond as many as bad frees are kept, only counted: no search per put.
            this.noteForeignPut(event);
            return;
        }
        if (!drop && this.badFrees.length >= this.maxBadFrees) {
            // Beyond the kept list bad frees are only counted: no search for what they collide with.
            this.droppedBadFrees++;
            return;
        }
        // An object still allocated at an END is the address's newest: a free of it remembered
        // earlier was of an object before it at the same address.
        const leaked = this.leakedAtEnd.get(key);
        if (leaked !== undefined) {
            this.leakedAtEnd.delete(key);
            this.freed.remember(key, leaked.object, event);
            this.addBadFree({ ...this.badBase(event, key), kind: 'invalid-free', allocation: this.allocationRef(leaked.object), afterEnd: leaked.end });
            return;
        }
        const earlier = drop ? undefined : this.freed.find(key);
        if (earlier !== undefined) {
            this.addBadFree({ ...this.badBase(event, key), kind: 'double-free', allocation: this.allocationRef(earlier.allocation), previousFree: this.freeRef(earlier) });
            return;
        }
        const container = this.live.findContaining(key, this.ptrs);
        if (container) {
            this.addBadFree({ ...this.badBase(event, key), kind: 'invalid-free', allocation: this.allocationRef(container.object), offset: container.offset });
            return;
        }
        const inLeaked = this.leakedAtEndContaining(key);
        if (inLeaked) {
            const { leaked, offset } = inLeaked;
            this.addBadFree({ ...this.badBase(event, key), kind: 'invalid-free', allocation: this.allocationRef(leaked.object), offset, afterEnd: leaked.end });
            return;
        }
        if (drop) {
            this.noteForeignPut(event);
            return;
        }
        // Inside an object already freed (KASAN: "located N bytes inside of freed region"): name it and its free.
        const inFreed = this.freed.findContaining(key, this.ptrs, (start) => this.live.get(start) !== undefined || this.leakedAtEnd.has(start));
        if (inFreed) {
            const { freed, offset } = inFreed;
            this.addBadFree({ ...this.badBase(event, key), kind: 'invalid-free', allocation: this.allocationRef(freed.allocation), offset, previousFree: this.freeRef(freed) });
            return;
        }
        this.addBadFree({ ...this.badBase(event, key), kind: 'invalid-free' });
    }
    noteForeignPut(event) {
        const seen = this.foreignPuts.get(event.api);
        if (seen)
            seen.count++;
        else
            this.foreignPuts.set(event.api, { count: 1, logLine: event.logLine });
    }
    foreignPutCount() {
        let n = 0;
        for (const { count } of this.foreignPuts.values())
            n += count;
        return n;
    }
    /** A remembered free as the report names it (the address is its object's). */
    freeRef({ allocation, free }) {
        return { ...logRef(free), api: free.api, ptr: this.ptrs.display(allocation.ptr), site: free.site };
    }
    allocationRef(o) {
        return { logLine: o.logLine, ...(o.seq === undefined ? {} : { seq: o.seq }), api: o.api, ptr: this.ptrs.display(o.ptr), size: o.size, site: o.site };
    }
    badBase(event, key) {
        return { ...logRef(event), module: event.module, api: event.api, ptr: this.ptrs.display(key), site: event.site };
    }
    addBadFree(bad) {
        if (this.badFrees.length < this.maxBadFrees)
            this.badFrees.push(bad);
        else
            this.droppedBadFrees++;
    }
    /** `end`: the END marker that collects them (none at the end of the log); its leaks are remembered, see leakedAtEnd. */
    collectLeaks(module, kind, end) {
        for (const [key, object] of this.live.takeModule(module)) {
            this.liveBytes -= object.size;
            if ((0,api_table/* isDevmAlloc */.mY)(object.api)) {
                const devm = this.devmAtEnd.get(object.module) ?? { objects: 0, bytes: 0 };
                devm.objects++;
                devm.bytes += object.size;
                this.devmAtEnd.set(object.module, devm);
                // Released with its device: a later free still names it.
                if (end !== undefined)
                    this.rememberLeakedAtEnd(key, object, end);
                continue;
            }
            const groupKey = `${kind}\0${object.module}\0${object.api}\0${object.site.file}\0${object.site.line}\0${object.site.function}`;
            let group = this.leaks.get(groupKey);
            if (!group) {
                group = { kind, module: object.module, api: object.api, site: object.site, objects: 0, bytes: 0, samples: [] };
                this.leaks.set(groupKey, group);
            }
            // Live at end too (records were lost before this END): a later free still names it.
            if (end !== undefined)
                this.rememberLeakedAtEnd(key, object, end);
            group.objects++;
            group.bytes += object.size;
            if (group.samples.length < SAMPLES) {
                group.samples.push({ ptr: this.ptrs.display(object.ptr), size: object.size, logLine: object.logLine, ...(object.seq === undefined ? {} : { seq: object.seq }) });
            }
        }
    }
    /** The object leaked at an END that `key` points inside (past its start), and how far in. */
    leakedAtEndContaining(key) {
        for (const leaked of this.leakedAtEnd.values()) {
            const offset = this.ptrs.offsetInside(key, leaked.object.ptr, leaked.object.size);
            if (offset >= 0)
                return { leaked, offset };
        }
        return undefined;
    }
    /** An address allocated again is a new object: a later free of it is not one after END. */
    forgetLeakedAtEnd(key) {
        if (this.leakedAtEnd.size !== 0)
            this.leakedAtEnd.delete(key);
    }
    rememberLeakedAtEnd(key, object, end) {
        const kept = this.leakedAtEnd;
        kept.delete(key);
        if (kept.size >= RECENT_FREES)
            kept.delete(kept.keys().next().value);
        kept.set(key, { object, end });
    }
    /** A field path record of another module than the last one's (its names given to names()). */
    enterModule(module, logLine) {
        if (this.unloaded.length !== 0)
            this.checkUnloaded(module, logLine);
        this.lastModule = module;
    }
    /** A record of `module` at `logLine`: warns, once per END, when the module had been unloaded. */
    checkUnloaded(module, logLine) {
        const at = this.unloaded.findIndex((u) => u.module === module);
        if (at < 0)
            return;
        const { endLine } = this.unloaded[at];
        this.unloaded.splice(at, 1);
        this.note('after-end', 'warning', logLine, `module ${module} logged a record after its END marker (log line ${endLine}) with no BEGIN since: its code ran after it was unloaded (a timer, work item or callback its exit function did not stop), or the log lost a BEGIN; objects allocated from here on are counted at the module's next END, or at the end of the log`);
    }
    forgetUnloaded(module) {
        const at = this.unloaded.findIndex((u) => u.module === module);
        if (at >= 0)
            this.unloaded.splice(at, 1);
    }
    /** The first time: `module` joins the modules seen. */
    noteModule(module) {
        if (holds(this.notedModules, module))
            return;
        if (this.notedModules.length < IDENTITY_CACHE)
            this.notedModules.push(module);
        if (!this.markers.has(module))
            this.markers.set(module, 'none');
    }
    checkAllocApi(api) {
        if (api === this.lastAllocApi)
            return;
        this.lastAllocApi = api;
        this.checkApi(api);
    }
    checkFreeApi(api) {
        if (api === this.lastFreeApi)
            return;
        this.lastFreeApi = api;
        this.checkApi(api);
    }
    checkApi(api) {
        if (holds(this.checkedApis, api))
            return;
        if (this.checkedApis.length < IDENTITY_CACHE)
            this.checkedApis.push(api);
        this.checkDeclared(api);
    }
    checkDeclared(api) {
        if (this.unpairedApis.size < 100 && !this.table.isDeclared(api))
            this.unpairedApis.add(api);
    }
    note(kind, severity, line, message) {
        this.options.diagnostics.add(kind, { severity, file: this.options.file, line, message: `line ${line}: ${message}` });
    }
}
/** What a mismatched free carries from its verdict. */
function mismatchOf(verdict) {
    return verdict.allowedSince === undefined ? { expected: verdict.expected } : { expected: verdict.expected, allowedSince: verdict.allowedSince };
}
function logRef(r) {
    return r.seq === undefined ? { logLine: r.logLine } : { logLine: r.logLine, seq: r.seq };
}
function where(site) {
    return `${site.file}:${site.line} in ${site.function}()`;
}


/***/ }),

/***/ 604:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Yq: () => (/* binding */ PointerKeys),
/* harmony export */   ax: () => (/* binding */ isNullPtr),
/* harmony export */   kV: () => (/* binding */ isZeroSizePtr)
/* harmony export */ });
// Addresses as the header logs them (%px: hex, no 0x, lowercase). A key names an
// address uniquely whatever its leading zeros, and holds no memory of the log it was
// read from:
//   a 16-digit address starting with the run's usual 4-digit prefix (that of the first
//   such address not starting with 0: ffff, or ff1b... on a 5-level-paging kernel)
//     -> the number its last 12 digits spell (< 2^48, exact in a double: no string to
//        allocate or hash, the common case of a long log)
//   anything else -> "u" + hex without leading zeros
/** Odd-width addresses remembered as written (they are rare: each one got a warning). */
const MAX_ODD_WRITTEN = 10_000;
/** The value of each lowercase hex digit by character code, -1 for every other byte. */
const HEX_DIGIT = new Int8Array(256).fill(-1);
for (let c = 48; c <= 57; c++)
    HEX_DIGIT[c] = c - 48;
for (let c = 97; c <= 102; c++)
    HEX_DIGIT[c] = c - 87;
class PointerKeys {
    prefix;
    /** The prefix's 4 character codes, compared byte by byte on the fast path. */
    p0 = -1;
    p1 = -1;
    p2 = -1;
    p3 = -1;
    /** The prefix as a little-endian 32-bit word (0 before it is known: no 4 bytes read so match it). */
    prefixWord = 0;
    /** How many digits %px prints on the run's kernel: 16, or 8 on a 32-bit one (0 until an address says). */
    width = 0;
    key(ptr) {
        if (this.width === 0 && (ptr.length === 8 || ptr.length === 16))
            this.width = ptr.length;
        // Never a prefix starting with 0: those addresses take the zero-stripping path, so NULL stays "u0".
        if (ptr.length === 16 && ptr.charCodeAt(0) !== 48) {
            if (this.prefix === undefined)
                this.learn(ptr.charCodeAt(0), ptr.charCodeAt(1), ptr.charCodeAt(2), ptr.charCodeAt(3));
            if (ptr.charCodeAt(0) === this.p0 && ptr.charCodeAt(1) === this.p1 && ptr.charCodeAt(2) === this.p2 && ptr.charCodeAt(3) === this.p3) {
                const low = parseHexLow(ptr);
                if (low >= 0)
                    return low;
            }
        }
        let i = 0;
        const last = ptr.length - 1;
        while (i < last && ptr.charCodeAt(i) === 48)
            i++;
        const joined = 'u' + ptr.slice(i);
        // Short strings are copied anyway; a longer concatenation is flattened into a fresh string.
        const key = joined.length < 13 ? joined : (joined + ' ').slice(0, -1);
        // An address of neither width (a character lost on the way) is shown as the log wrote it, so it can be found there.
        if (ptr.length !== 8 && ptr.length !== 16 && !this.oddWritten.has(key) && this.oddWritten.size < MAX_ODD_WRITTEN)
            this.oddWritten.set(key, ptr);
        return key;
    }
    /** Addresses of neither width, as the log wrote them, by key. */
    oddWritten = new Map();
    /**
     * The key of the address in bytes[from, to), or undefined when that is not 1-16
     * lowercase hex digits (%px prints lowercase; the careful text path handles the rest).
     * Checks and converts in one pass, without making a string in the common case.
     */
    keyOfBytes(bytes, from, to) {
        const n = to - from;
        // Not the run's width (or, before one is known, neither 16 nor 8): the careful path reads it and says so.
        if (n < 1 || n > 16 || (this.width !== 0 ? n !== this.width : n !== 16 && n !== 8))
            return undefined;
        if (n === 16 && bytes[from] !== 48) {
            if (this.prefix === undefined) {
                // All 16 digits, not only the prefix: the bytes may be "1000 64 drv.c:10", no address at all.
                if (!isLowerHex(bytes, from, to))
                    return undefined;
                this.learn(bytes[from], bytes[from + 1], bytes[from + 2], bytes[from + 3]);
            }
            if (bytes[from] === this.p0 && bytes[from + 1] === this.p1 && bytes[from + 2] === this.p2 && bytes[from + 3] === this.p3) {
                let v = 0;
                for (let k = from + 4; k < to; k++) {
                    const d = HEX_DIGIT[bytes[k]];
                    if (d < 0)
                        return undefined;
                    v = v * 16 + d;
                }
                return v;
            }
        }
        if (!isLowerHex(bytes, from, to))
            return undefined;
        return this.key(String.fromCharCode.apply(null, bytes.subarray(from, to)));
    }
    /**
     * The key of a 16-digit address at view[from] with the run's usual prefix, read 4
     * digits at a time; -1 for anything else (then keyOfBytes decides).
     */
    keyOfUsual(view, from) {
        if (view.getInt32(from, true) !== this.prefixWord)
            return -1;
        const high = hex4(view.getInt32(from + 4, true));
        const middle = hex4(view.getInt32(from + 8, true));
        const low = hex4(view.getInt32(from + 12, true));
        if ((high | middle | low) < 0)
            return -1;
        return high * 4294967296 + (((middle << 16) | low) >>> 0);
    }
    /** Whether another reader has learnt the same of the run's addresses (see learnt): then both give every address the same key. */
    hasLearnt(learnt) {
        return learnt.prefixWord === this.prefixWord && learnt.width === this.width;
    }
    /** What this reader has learnt of the run's addresses from the first ones it read. */
    get learnt() {
        return { prefixWord: this.prefixWord, width: this.width };
    }
    /** How many hex digits the run's addresses have (16, or 8 on a 32-bit kernel; 0 until one says). */
    get digits() {
        return this.width;
    }
    /** The address as %px prints it (16 hex digits; 8 when the run's addresses have 8). */
    display(key) {
        if (typeof key === 'number')
            return this.prefix + key.toString(16).padStart(12, '0');
        return this.oddWritten.get(key) ?? key.slice(1).padStart(this.width === 8 ? 8 : 16, '0');
    }
    value(key) {
        return BigInt('0x' + this.display(key));
    }
    /**
     * How far `key` lies inside the object of `size` bytes at `start`, past its first byte;
     * -1 when it does not. Runs for every object a bad free is compared with: two number
     * keys (the common case) are compared as they are, two string keys as addresses; an
     * object at one kind of key cannot hold an address of the other (it would span 2^48 bytes).
     */
    offsetInside(key, start, size) {
        if (typeof key === 'number')
            return typeof start === 'number' && key > start && key < start + size ? key - start : -1;
        if (typeof start === 'number')
            return -1;
        const address = this.value(key);
        const first = this.value(start);
        return address > first && address < first + BigInt(size) ? Number(address - first) : -1;
    }
    learn(c0, c1, c2, c3) {
        if (this.width === 0)
            this.width = 16;
        this.prefix = String.fromCharCode(c0, c1, c2, c3);
        this.p0 = c0;
        this.p1 = c1;
        this.p2 = c2;
        this.p3 = c3;
        this.prefixWord = (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)) | 0;
    }
}
/**
 * The value of 4 lowercase hex digits held in a little-endian 32-bit word (the first
 * digit in its low byte), or -1 when a byte is not one. All bytes at once: no byte's
 * arithmetic below can carry into the next.
 */
function hex4(word) {
    const letters = (word >>> 6) & 0x01010101; // bit 6: 'a'-'f' (and other non-digits)
    const v = (word & 0x0f0f0f0f) + letters * 9; // each byte's digit value, if it is a digit
    const over9 = ((v + 0x06060606) >>> 4) & 0x01010101;
    // Valid exactly when every value is at most 15 and spells back to the same byte.
    if (((v + 0x70707070) & 0x80808080) !== 0 || v + 0x30303030 + over9 * 0x27 !== word)
        return -1;
    return ((v & 0xf) << 12) | (v & 0xf00) | ((v >>> 12) & 0xf0) | ((v >>> 24) & 0xf);
}
function isLowerHex(bytes, from, to) {
    for (let k = from; k < to; k++) {
        const c = bytes[k];
        if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102)))
            return false;
    }
    return true;
}
/** The value of ptr's last 12 hex digits, or -1 when one is not a hex digit. */
function parseHexLow(ptr) {
    let v = 0;
    for (let k = 4; k < 16; k++) {
        const c = ptr.charCodeAt(k);
        if (c >= 48 && c <= 57)
            v = v * 16 + (c - 48);
        else if (c >= 97 && c <= 102)
            v = v * 16 + (c - 87);
        else if (c >= 65 && c <= 70)
            v = v * 16 + (c - 55);
        else
            return -1;
    }
    return v;
}
function isNullPtr(key) {
    return key === 'u0';
}
/** What kmalloc(0) returns: never tracked, and freeing it is legal like NULL. */
function isZeroSizePtr(key) {
    return key === 'u10';
}


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EK: () => (/* binding */ ChunkDecoder),
/* harmony export */   S2: () => (/* binding */ DECODED_INTS),
/* harmony export */   TT: () => (/* binding */ DecodedRecords),
/* harmony export */   _G: () => (/* binding */ DECODED_NUMBERS),
/* harmony export */   n3: () => (/* binding */ decodedCapacity)
/* harmony export */ });
/* unused harmony exports HEAD, SITE */
/* harmony import */ var _match_pointer_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(604);
/* harmony import */ var _line_splitter_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(77);
/* harmony import */ var _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(416);
/* harmony import */ var _record_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(626);




// A long log's record lines read ahead in a second thread (decode-thread.ts): the
// thread reads each chunk of the file with its own ByteRecordParser and writes down,
// record by record, what it read, while the log parser walks the same chunk and takes
// each record written down instead of reading its line again. Only what read() gives
// in any state is written down: allocations and frees at a number key, each at the line
// start where the log parser will look for it. A line the thread did not (or not yet)
// read is read by the log parser as before: the hand-over can only save work, never
// change a record. When the log parser reaches a chunk, the thread leaves the rest of
// it to the log parser and reads on ahead, so each does what it has time for.
/** Per record, in `ints`: the line's start, where the next line starts, the kind, the head's number, the site's number. */
const DECODED_INTS = 5;
/** Per record, in `numbers`: the kmsg sequence number, the address key, the size. */
const DECODED_NUMBERS = 3;
/** The most records a chunk of `bytes` can hold (a record line is longer than 32 bytes). */
function decodedCapacity(bytes) {
    return bytes >> 5;
}
/** Records written between two progress() calls. */
const PROGRESS_EVERY = 64;
const HEAD = 0;
const SITE = 1;
/** The thread's side: reads the record lines of each chunk, in the order the log parser gets the chunks. */
class ChunkDecoder {
    ptrs = new _match_pointer_js__WEBPACK_IMPORTED_MODULE_0__/* .PointerKeys */ .Yq();
    parser = new _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .ByteRecordParser */ .Z4(new _record_js__WEBPACK_IMPORTED_MODULE_2__/* .RecordParser */ .xp(), this.ptrs);
    nextHead = 0;
    nextSite = 0;
    atStart = true;
    /** The last chunk ended inside a line: the log parser finishes that line the slow way. */
    inLine = false;
    /** The next chunk is the log's first (`first`), or follows one that ended inside a line (`inLine`). */
    startAt(first, inLine) {
        this.atStart = first;
        this.inLine = inLine;
    }
    /** Reads the record lines of `chunk` (as LogParser.push() gets it) into `out`. */
    decode(chunk, out) {
        const p = this.parser;
        if (this.atStart) {
            this.atStart = false;
            // As LogParser.push() does, so that positions count from the same byte.
            chunk = (0,_line_splitter_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutByteOrderMark */ .Yi)(chunk);
        }
        const len = chunk.length;
        let pos = 0;
        if (this.inLine) {
            const nl = chunk.indexOf(10);
            pos = nl < 0 ? len : nl + 1;
        }
        this.inLine = len > 0 && chunk[len - 1] !== 10;
        if (!out.progress(0, this.ptrs.learnt))
            return;
        const { ints, numbers } = out;
        const capacity = Math.min(ints.length / DECODED_INTS, numbers.length / DECODED_NUMBERS);
        let count = 0;
        let said = 0;
        while (pos < len && count < capacity) {
            const kind = p.read(chunk, pos, len, false);
            if (kind === _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .NO_RECORD */ .iF) {
                const nl = chunk.indexOf(10, pos);
                if (nl < 0)
                    break;
                pos = nl + 1;
                continue;
            }
            const ptr = p.ptr;
            if ((kind === _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .ALLOC */ .QS || kind === _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .FREE */ .jC) && typeof ptr === 'number' && this.named(p.headEntry, p.siteEntry, out)) {
                const i = count * DECODED_INTS;
                ints[i] = pos;
                ints[i + 1] = p.next;
                ints[i + 2] = kind;
                ints[i + 3] = p.headEntry.id;
                ints[i + 4] = p.siteEntry.id;
                const n = count * DECODED_NUMBERS;
                numbers[n] = p.seq;
                numbers[n + 1] = ptr;
                numbers[n + 2] = kind === _record_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .ALLOC */ .QS ? p.size : 0;
                if (++count - said === PROGRESS_EVERY) {
                    said = count;
                    if (!out.progress(count, this.ptrs.learnt))
                        return;
                }
            }
            pos = p.next;
        }
        out.progress(count, this.ptrs.learnt);
    }
    /** Whether the head and site have their numbers (said to the log parser when new). */
    named(head, site, out) {
        if (head.id < 0) {
            if (!out.name(HEAD, head.bytes))
                return false;
            head.id = this.nextHead++;
        }
        if (site.id < 0) {
            if (!out.name(SITE, site.bytes))
                return false;
            site.id = this.nextSite++;
        }
        return true;
    }
}
/** The log parser's side: the records of the chunk being walked, by line start. */
class DecodedRecords {
    parser;
    ptrs;
    /** Heads and sites by the thread's numbers, as this side's parser knows them. */
    heads = [];
    sites = [];
    /** Where the next name starts (see DecodedChunk.namesFrom). */
    names = 0;
    /** This side and the thread give addresses the same keys (once true, for the rest of the log: see take). */
    sameKeys = false;
    chunk;
    at = 0;
    count = 0;
    /** After takeRun() took records: where the line after them starts. */
    next = 0;
    constructor(parser, ptrs) {
        this.parser = parser;
        this.ptrs = ptrs;
    }
    /** The chunk about to be walked. */
    begin(chunk) {
        this.chunk = chunk;
        this.at = 0;
        this.count = 0;
    }
    end() {
        this.chunk = undefined;
    }
    /**
     * Hands `taker` the records the thread read at line start `start` and at the line starts
     * that follow it without a line between (a run of lines, the first numbered `lineNo`),
     * up to one longer than `maxLineBytes` (which goes the usual way, cut); returns how many
     * (0: none, yet), and `next` says where the line after them starts.
     */
    takeRun(start, lineNo, maxLineBytes, taker) {
        const chunk = this.chunk;
        if (chunk === undefined)
            return 0;
        const ints = chunk.ints;
        let at = this.at;
        let count = this.count;
        while (at < count && ints[at * DECODED_INTS] < start)
            at++;
        if (at === count) {
            count = this.count = chunk.written();
            while (at < count && ints[at * DECODED_INTS] < start)
                at++;
        }
        this.at = at;
        // Until this side has read its first address the same way, its keys could differ: it
        // reads those records itself. A number key means the thread knew the run's prefix and
        // width, which neither side changes once known.
        if (at === count || ints[at * DECODED_INTS] !== start || (!this.sameKeys && !(this.sameKeys = this.ptrs.hasLearnt(chunk.learnt()))))
            return 0;
        const numbers = chunk.numbers;
        const heads = this.heads;
        const sites = this.sites;
        let pos = start;
        let lines = 0;
        for (;;) {
            if (at === count && at === (count = this.count = chunk.written()))
                break;
            const i = at * DECODED_INTS;
            const next = ints[i + 1];
            if (ints[i] !== pos || next - pos - 1 > maxLineBytes)
                break;
            const headId = ints[i + 3];
            const siteId = ints[i + 4];
            if (headId >= heads.length || siteId >= sites.length)
                this.learnNames(chunk);
            const head = heads[headId];
            const site = sites[siteId];
            if (head === undefined || site === undefined)
                break;
            if (lines === 0)
                taker.startRun();
            const n = at * DECODED_NUMBERS;
            taker.record(ints[i + 2], lineNo + lines, numbers[n], head, site, numbers[n + 1], numbers[n + 2]);
            lines++;
            pos = next;
            at++;
        }
        this.at = at;
        this.next = pos;
        return lines;
    }
    learnNames(chunk) {
        this.names = chunk.namesFrom(this.names, (kind, bytes) => {
            if (kind === HEAD)
                this.heads.push(this.parser.learnHead(bytes));
            else
                this.sites.push(this.parser.learnSite(bytes));
        });
    }
}


/***/ }),

/***/ 77:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Yi: () => (/* binding */ withoutByteOrderMark),
/* harmony export */   i$: () => (/* binding */ DEFAULT_MAX_LINE_BYTES),
/* harmony export */   kW: () => (/* binding */ ByteLineSplitter)
/* harmony export */ });
// Splits a byte stream into lines without ever buffering more than one capped line:
// a line longer than `maxLineBytes` is cut there, the rest of it skipped and reported.
// Lines are handed over as byte ranges of the chunk they arrived in (no string is made
// unless the receiver wants one); a line that spans chunks is copied into its own
// buffer, so the caller may reuse its chunk buffer once push() returns.
const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
/** A log's first chunk without the byte order mark some editors and Windows tools put first (not part of line 1). */
function withoutByteOrderMark(chunk) {
    return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}
const NEWLINE = 0x0a;
const CR = 0x0d;
const RECORD = Buffer.from('modleak1 ');
/** Bytes before a piece of a line that a `modleak1 ` ending in it may start in. */
const OVERLAP = RECORD.length - 1;
/** How many `modleak1 ` lie wholly in b[from, to). */
function recordsIn(b, from, to) {
    const part = b.subarray(from, to);
    let n = 0;
    for (let i = part.indexOf(RECORD); i >= 0; i = part.indexOf(RECORD, i + RECORD.length))
        n++;
    return n;
}
class ByteLineSplitter {
    sink;
    maxLineBytes;
    fastLines;
    carry = [];
    carryBytes = 0;
    dropped = 0;
    /** For a line that spans chunks: its bytes so far, the last OVERLAP of them, and the records its dropped part held. */
    lineBytes = 0;
    tail = Buffer.alloc(0);
    droppedRecords = 0;
    lineNo = 0;
    constructor(sink, maxLineBytes = DEFAULT_MAX_LINE_BYTES, fastLines) {
        this.sink = sink;
        this.maxLineBytes = maxLineBytes;
        this.fastLines = fastLines;
    }
    /** Lines seen so far. */
    get lines() {
        return this.lineNo;
    }
    push(chunk) {
        let pos = 0;
        if (this.carryBytes > 0 || this.dropped > 0) {
            const nl = chunk.indexOf(NEWLINE);
            if (nl < 0) {
                this.keep(chunk);
                return;
            }
            this.keep(chunk.subarray(0, nl));
            this.flushCarry(true);
            pos = nl + 1;
        }
        const max = this.maxLineBytes;
        const sink = this.sink;
        const fast = this.fastLines;
        const len = chunk.length;
        for (;;) {
            if (fast !== undefined) {
                const lines = fast.take(chunk, pos, len, this.lineNo + 1);
                if (lines > 0) {
                    this.lineNo += lines;
                    pos = fast.next;
                    continue;
                }
            }
            if (chunk[pos] === CR && pos + 1 < len) {
                // LF-CR line ends (some serial captures): the CR starts the next line; not part of it.
                pos++;
                continue;
            }
            const nl = chunk.indexOf(NEWLINE, pos);
            if (nl < 0)
                break;
            let end = nl;
            if (end > pos && chunk[end - 1] === CR)
                end--;
            const lineNo = ++this.lineNo;
            // A record that starts OVERLAP bytes before the cap or later is not wholly kept.
            if (end - pos > max)
                sink(chunk, pos, pos + max, lineNo, end - pos - max, true, recordsIn(chunk, pos + max - OVERLAP, end));
            else
                sink(chunk, pos, end, lineNo, 0, true, 0);
            pos = nl + 1;
        }
        if (pos < chunk.length)
            this.keep(chunk.subarray(pos));
    }
    /** Emits the unterminated last line, if any. */
    end() {
        if (this.carryBytes > 0 || this.dropped > 0)
            this.flushCarry(false);
    }
    keep(bytes) {
        this.countDroppedRecords(bytes);
        const room = this.maxLineBytes - this.carryBytes;
        if (bytes.length <= room) {
            if (bytes.length > 0) {
                // Copy: the caller may reuse its buffer.
                this.carry.push(Buffer.from(bytes));
                this.carryBytes += bytes.length;
            }
            return;
        }
        if (room > 0) {
            this.carry.push(Buffer.from(bytes.subarray(0, room)));
            this.carryBytes += room;
        }
        this.dropped += bytes.length - Math.max(room, 0);
    }
    /** Counts the `modleak1 ` of a spanning line that end in `bytes` and are not wholly kept (start OVERLAP before the cap or later). */
    countDroppedRecords(bytes) {
        const at = this.lineBytes;
        const firstUnkept = this.maxLineBytes - OVERLAP;
        if (at + bytes.length > firstUnkept) {
            const tail = this.tail;
            if (tail.length > 0) {
                // Those that start in the bytes before this piece and end in it.
                const joint = Buffer.concat([tail, bytes.subarray(0, OVERLAP)]);
                for (let j = joint.indexOf(RECORD); j >= 0 && j < tail.length; j = joint.indexOf(RECORD, j + 1)) {
                    if (at - tail.length + j >= firstUnkept)
                        this.droppedRecords++;
                }
            }
            this.droppedRecords += recordsIn(bytes, Math.max(0, firstUnkept - at), bytes.length);
        }
        this.lineBytes = at + bytes.length;
        this.tail = bytes.length >= OVERLAP ? Buffer.from(bytes.subarray(bytes.length - OVERLAP)) : Buffer.concat([this.tail, bytes]).subarray(-OVERLAP);
    }
    flushCarry(terminated) {
        const line = Buffer.concat(this.carry, this.carryBytes);
        // As in push(): LF-CR line ends' CRs, left at the start of a line that spans chunks.
        let start = 0;
        while (start < line.length && line[start] === CR)
            start++;
        let end = line.length;
        if (end > start && line[end - 1] === CR)
            end--;
        this.lineNo++;
        // A CR ending an overlong line is in its dropped bytes: not counted, as in push().
        const dropped = this.dropped > 0 && this.tail[this.tail.length - 1] === CR ? this.dropped - 1 : this.dropped;
        const droppedRecords = this.droppedRecords;
        this.carry = [];
        this.carryBytes = 0;
        this.dropped = 0;
        this.lineBytes = 0;
        this.tail = Buffer.alloc(0);
        this.droppedRecords = 0;
        this.sink(line, start, end, this.lineNo, dropped, terminated, dropped > 0 ? droppedRecords : 0);
    }
}


/***/ }),

/***/ 173:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  gg: () => (/* binding */ LogParser),
  mg: () => (/* binding */ MAX_OTHER_MODULES_NAMED),
  sH: () => (/* binding */ RUNNER_PREFIX)
});

// EXTERNAL MODULE: ./src/parse/untitled-report.ts
var untitled_report = __nccwpck_require__(437);
;// CONCATENATED MODULE: ./src/parse/crash.ts

// Finds kernel crash reports (Oops, BUG, panic, KASAN, WARNING, hung tasks, RCU stalls) and keeps each one's
// lines up to its end marker, with a bound on lines per report and reports per log; in the
// record log, also those whose title line is not in it (untitled-report.ts).
const TITLES = [
    [/^BUG: KASAN: /, 'kasan'],
    [/^(?:Oops: |Internal error: Oops|general protection fault)/, 'oops'],
    [/^(?:BUG: |kernel BUG at |UBSAN: )/, 'bug'],
    [/^Kernel panic - not syncing/, 'panic'],
    [/^WARNING: /, 'warning'],
    // The hung-task and RCU-stall detectors: a task or a CPU the module kept from running.
    [/^INFO: (?:task \S+ blocked for more than \d+ seconds|rcu_\w+ (?:self-)?detected (?:expedited )?stall)/, 'bug'],
];
/**
 * A title behind a prefix modleak does not strip (a CI log's or a capture tool's time,
 * `journalctl -o export`'s `MESSAGE=`): group 1 is what stands before it.
 */
const TITLE_BEHIND_PREFIX = /(^|[\s\]>:;,=])(?:BUG: |kernel BUG at |Oops: |Internal error: Oops|general protection fault|UBSAN: |Kernel panic - not syncing|WARNING: |INFO: (?:task |rcu_))/;
/**
 * What a kernel crash report prints, each at the start of a line, before its first 40 lines
 * end, and a program's text saying the same words does not; a WARN() splat's title says it.
 */
const REPORT_BODY = /^\s*(?:Call [Tt]race:|CPU: \d+ (?:UID: \d+ )?PID: \d+|---\[ end (?:trace|Kernel panic)|RIP: |pc : )/;
const SELF_CONFIRMED = /^WARNING: CPU: \d+ (?:UID: \d+ )?PID: \d+/;
const END = /---\[ end (?:trace|Kernel panic)/;
const KASAN_RULE = /^={20,}\s*$/;
const MAX_CRASH_LINES = 200;
/** A report's header before its Call Trace (registers, code, modules) is shorter: one without a trace by then has none. */
const MAX_LINES_BEFORE_TRACE = 40;
const MAX_CRASHES = 50;
/** A prefix with its digits as 0: a time's changes do not make it another. */
function shape(prefix) {
    return prefix.replace(/\d/g, '0');
}
/** Where a crash report's title starts in `text` (0, or behind a prefix) and its kind, or undefined. */
function findTitle(text) {
    const kind = crashKind(text);
    if (kind)
        return { kind, at: 0 };
    if (text.length === 0 || END.test(text))
        return undefined;
    const behind = TITLE_BEHIND_PREFIX.exec(text);
    if (!behind)
        return undefined;
    const at = behind.index + behind[1].length;
    const title = text.slice(at);
    const behindKind = crashKind(title);
    // Behind a prefix, only a WARN() splat's own title is a warning report: "eth0: WARNING: ..." is a driver's message.
    return behindKind === undefined || (behindKind === 'warning' && !SELF_CONFIRMED.test(title)) ? undefined : { kind: behindKind, at };
}
/** The title a crash report would have if `text` started one (behind a prefix or not), else undefined. */
function crashTitle(text) {
    const found = findTitle(text);
    return found && text.slice(found.at).trim();
}
function crashKind(text) {
    const t = text.trimStart();
    for (const [re, kind] of TITLES)
        if (re.test(t))
            return kind;
    return undefined;
}
class CrashCollector {
    crashes = [];
    /** Reports beyond MAX_CRASHES, counted only. */
    dropped = 0;
    open;
    /** How many of the first reports a line that may be user space's started (see dropProvisional). */
    provisional = 0;
    /** The line before this one (a rule before a title says how the report ends). */
    previous = '';
    /** The record log's lines since the last report: a report whose title is not in the log ends among them. */
    untitled;
    /** `untitled`: find reports whose title is not in the log (the record log's; not the console's, which only adds to it). */
    constructor(untitled = false) {
        this.untitled = untitled ? new untitled_report/* UntitledReports */.b8(MAX_CRASH_LINES) : undefined;
    }
    /**
     * `text` is the message (prefixes stripped); `raw` is the line as it stood.
     * `provisional`: a line without a time before the log's first timed line, which is the
     * kernel's only if no line of the log turns out to carry a time.
     */
    line(text, raw, lineNo, provisional = false) {
        const previous = this.previous;
        this.previous = text;
        this.untitled?.line(text, raw, lineNo);
        const found = findTitle(text);
        const open = this.open;
        if (found) {
            const { kind, at: prefix } = found;
            if (open && !open.sawTrace && kind === 'oops' && open.kind === 'bug') {
                // "BUG: unable to handle page fault" followed by "Oops: ..." is one report.
                open.kind = 'oops';
                this.add(raw);
                return;
            }
            // Cut by the next report: its end marker may still come.
            this.close(false);
            const title = text.slice(prefix).trim();
            const endsAtRule = kind === 'kasan' || (title.startsWith('UBSAN:') && KASAN_RULE.test(previous.trim()));
            this.start(kind, title, raw, lineNo, provisional, shape(text.slice(0, prefix)), endsAtRule);
            if (prefix > 0 && SELF_CONFIRMED.test(title) && this.open)
                this.open.confirmed = true;
            return;
        }
        if (!open) {
            if (this.untitled && untitled_report/* END_LINE */.zL.test(text))
                this.untitledEnded(text, provisional);
            return;
        }
        this.add(raw);
        const body = open.prefix !== '' && shape(text.slice(0, open.prefix.length)) === open.prefix ? text.slice(open.prefix.length) : text;
        if (!open.confirmed && REPORT_BODY.test(body))
            open.confirmed = true;
        if (/Call Trace:/i.test(body))
            open.sawTrace = open.inTrace = true;
        // Frames are indented; `</TASK>` (x86) ends the trace, an unindented line (arm64's `Code:`) too.
        else if (open.inTrace)
            open.inTrace = body.startsWith(' ') && !/^\s*<\/TASK>/.test(body);
        if (END.test(body)) {
            // A report of a kind that prints no end marker (a hung task's) took it: it ends a report cut before it.
            if (!endsWithMarker(open))
                this.untitled?.markerTaken();
            this.close();
        }
        else if (open.endsAtRule && KASAN_RULE.test(body.trim()))
            this.close();
        else if (open.lines.length >= MAX_CRASH_LINES || (!open.sawTrace && open.lines.length >= MAX_LINES_BEFORE_TRACE))
            this.close(false);
    }
    /** A line that is not the kernel's (see UntitledReports.otherLine). */
    otherLine(text) {
        this.untitled?.otherLine(text);
    }
    /**
     * A modleak record or marker never joins a report: inside one, before or during its
     * trace, it is another CPU's message interleaved with the report, which goes on after
     * it. After the trace it ends a `bug` report, the one kind that may have no end marker
     * ("BUG: sleeping function called from invalid context" is a stack dump).
     */
    interrupt() {
        const open = this.open;
        if (open && open.kind === 'bug' && open.sawTrace && !open.inTrace)
            this.close();
    }
    finish() {
        this.close();
        return this.crashes;
    }
    /**
     * The log's first timed line came: the lines without a time before it were a program's
     * output (a test script printing "WARNING: ..." first), so their reports go.
     */
    dropProvisional() {
        this.untitled?.dropProvisional();
        if (this.open?.provisional)
            this.open = undefined;
        this.crashes.splice(0, this.provisional);
        this.provisional = 0;
    }
    /** An end marker outside any report: the report it ends, if the lines before it are one's body. */
    untitledEnded(endText, provisional) {
        const report = this.untitled.ended(endText);
        if (report === undefined)
            return;
        if (this.crashes.length >= MAX_CRASHES) {
            this.dropped++;
            return;
        }
        const [first, ...rest] = report.lines;
        this.start(report.kind, report.title, first, report.lineNo, provisional, '', false);
        for (const line of rest)
            this.add(line);
        this.close();
    }
    start(kind, title, raw, lineNo, provisional, prefix, endsAtRule) {
        if (this.crashes.length >= MAX_CRASHES) {
            this.dropped++;
            // Not kept: its end marker is no report's whose title is not in the log.
            if (endsWithMarker({ kind, title, endsAtRule }))
                this.untitled?.reportUnended(provisional);
            return;
        }
        this.open = { kind, title, logLine: lineNo, lines: [raw], endsAtRule, sawTrace: false, inTrace: false, provisional, prefix, confirmed: prefix === '' };
    }
    add(raw) {
        this.open?.lines.push(raw);
    }
    /** `ended`: the report ended by its end (its marker, KASAN's rule, a record after a `BUG:` trace, the log's end), not cut before it. */
    close(ended = true) {
        if (!this.open)
            return;
        const { endsAtRule, sawTrace: _saw, inTrace: _in, provisional, prefix: _prefix, confirmed, ...crash } = this.open;
        void _saw;
        void _in;
        void _prefix;
        if (!confirmed) {
            // A title's words behind a prefix, with no report after them: a program's text.
            this.open = undefined;
            return;
        }
        if (provisional)
            this.provisional++;
        this.crashes.push(crash);
        this.open = undefined;
        if (ended || !endsWithMarker({ ...crash, endsAtRule }))
            this.untitled?.reportEnded(provisional);
        else
            this.untitled?.reportUnended(provisional);
    }
}
/**
 * Whether the kernel ends such a report with `---[ end trace` (a hung task, a
 * sleeping-in-atomic `BUG:` or an RCU stall has none; KASAN's ends at a rule, and so did
 * older kernels' UBSAN, which put a rule before its title too).
 */
function endsWithMarker(crash) {
    if (crash.endsAtRule)
        return false;
    return crash.kind === 'oops' || crash.kind === 'warning' || crash.kind === 'panic' || crash.title.startsWith('kernel BUG at') || crash.title.startsWith('UBSAN:');
}

// EXTERNAL MODULE: ./src/match/pointer.ts
var pointer = __nccwpck_require__(604);
// EXTERNAL MODULE: ./src/parse/decoded-chunk.ts
var decoded_chunk = __nccwpck_require__(361);
// EXTERNAL MODULE: ./src/parse/line-splitter.ts
var line_splitter = __nccwpck_require__(77);
;// CONCATENATED MODULE: ./src/parse/normalize.ts
// Strips what log transports put in front of a kernel message: ANSI escapes, CR,
// the /dev/kmsg header `prio,seq,usec,flags;`, a syslog `<7>` level, dmesg's timestamps
// (`[   12.345678]`, and `-T`'s and `--time-format iso`'s clock times), `dmesg -x`'s
// `kern  :info  : `, `[    T1]` caller ids, and a syslog or journalctl "host kernel: " prefix;
// reads the message of `journalctl -o json` and `dmesg -J` entries, and a /dev/kmsg header
// behind a prefix it does not know (a CI log's time).
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;
const KMSG_CONTINUATION = /^ [A-Z0-9_]+=/;
// A console prefix: a syslog level, a timestamp, a caller id, each optional.
const LEVEL = String.raw `<\d{1,3}>`;
const TIMESTAMP = String.raw `\[\s*\d+\.\d+\]`;
const CALLER_ID = String.raw `\[\s*[TC]\d+\]`;
/** `dmesg -T` (`[Wed Nov 26 04:00:00 2026]`) and `dmesg --time-format iso` (`2026-11-26T04:00:00,123456+00:00`). */
const CLOCK_TIME = String.raw `\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[,.]\d+[+-]\d\d:?\d\d`;
// Groups: 1 the `dmesg -x` facility, 2 the `<N>` priority, 3 the time.
const CONSOLE_PREFIX = new RegExp(String.raw `^(?:([a-z]+[0-7]?)\s*:\s*(?:emerg|alert|crit|err|warn|notice|info|debug)\s*: )?(?:<(\d{1,3})>)?(?:(${TIMESTAMP}|${CLOCK_TIME})\s?)?(?:${CALLER_ID}\s?)?`);
/** The same prefix glued to the end of a line: the start of the next message, after a lost newline. */
const GLUED_CONSOLE_PREFIX = new RegExp(String.raw `\s*(?:${LEVEL})?(?:${TIMESTAMP}\s*)?(?:${CALLER_ID}\s*)?$`);
/**
 * syslog and journalctl (`-o short`, `short-precise`, `short-iso`, `short-iso-precise`, `short-monotonic`): "<time> host kernel: ".
 * Their fractions of a second follow a dot; `dmesg --time-format iso`'s a comma, and its message follows the time directly.
 */
const SYSLOG_DATE = String.raw `(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)`;
const SYSLOG_PREFIX = new RegExp(String.raw `^(?:${SYSLOG_DATE}|\[\s*\d+\.\d+\]) (\S+) kernel: `);
/** The same with a program's name (`Nov 26 04:51:04 host myapp[77]: `): user space. */
const SYSLOG_PROGRAM = new RegExp(String.raw `^${SYSLOG_DATE} (\S+) [\w.@/-]+(?:\[\d+\])?: `);
/**
 * A /dev/kmsg header behind a prefix: a CI log's time before `cat /dev/kmsg` output,
 * extended netconsole's release (`6.1.0-56-cloud-amd64,7,2,1234,-;`).
 */
const KMSG_BEHIND_PREFIX = /^(?:\S{1,64}|\[[^\]]{1,40}\])[\s,](\d{1,3}),(\d+),\d+,[-+c](?:,[^;]*)?;/;
function stripAnsi(line) {
    return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}
/** `text` without a console prefix (and whitespace) at its end. */
function stripGluedConsolePrefix(text) {
    return text.replace(GLUED_CONSOLE_PREFIX, '');
}
/** Returns undefined for a kmsg dictionary continuation line (` SUBSYSTEM=...`). */
function normalizeLine(raw) {
    const line = stripAnsi(raw);
    const kmsg = parseKmsgHeader(line);
    if (kmsg)
        return kmsg;
    const first = line.charCodeAt(0);
    if (first === 123 /* { */ || ((first === 32 || first === 9) && (line.includes('"msg": ') || line.includes('"MESSAGE" : ')))) {
        const json = jsonMessage(line);
        if (json)
            return json;
    }
    if (first === 32 && KMSG_CONTINUATION.test(line))
        return undefined;
    // A /dev/kmsg header behind a prefix modleak does not know (not a console's `[` or `<`).
    if (first !== 91 /* [ */ && first !== 60 /* < */ && line.includes(';')) {
        const behind = KMSG_BEHIND_PREFIX.exec(line);
        if (behind)
            return { text: line.slice(behind[0].length), seq: Number(behind[2]), fromUser: Number(behind[1]) >= 8, timed: true };
    }
    let text = line;
    const syslog = SYSLOG_PREFIX.exec(text);
    if (syslog) {
        text = text.slice(syslog[0].length);
    }
    else {
        const program = SYSLOG_PROGRAM.exec(text);
        if (program)
            return { text, fromUser: true, timed: true, syslogHost: program[1] };
    }
    const prefix = CONSOLE_PREFIX.exec(text);
    // One shape for every line (the fields that do not apply undefined): this runs once per line.
    const syslogHost = syslog?.[1];
    const boot = sinceBoot(prefix?.[3] ?? syslog?.[0]);
    // Not a syslog or journal date: the logger's clock, which may be set back (NTP) while the kernel's times go on.
    const time = boot === undefined ? prefix?.[3] : undefined;
    const dmesgT = time?.charCodeAt(0) === 91; /* [ */
    const clock = time === undefined ? undefined : dmesgT ? dmesgTTime(time) : isoTime(time);
    const seconds = boot ?? clock;
    const timeKind = boot !== undefined ? 'boot' : clock === undefined ? undefined : dmesgT ? 'dmesg-T' : 'iso';
    if (!prefix || prefix[0].length === 0)
        return { text, seq: undefined, fromUser: false, timed: syslog !== null, syslogHost, seconds, timeKind };
    // `dmesg -x` (`kern  :`, `user  :` and the other syslog facilities) and `<N>` (facility = N >> 3) say who wrote it.
    const fromUser = (prefix[1] !== undefined && prefix[1] !== 'kern') || (prefix[2] !== undefined && Number(prefix[2]) >= 8);
    return { text: text.slice(prefix[0].length), seq: undefined, fromUser, timed: syslog !== null || prefix[3] !== undefined, syslogHost, seconds, timeKind };
}
/** The seconds of a prefix that starts with a `[   12.345678]` time, else undefined (read by hand: this runs for every console line). */
function sinceBoot(prefix) {
    if (prefix === undefined || prefix.charCodeAt(0) !== 91 /* [ */)
        return undefined;
    let i = 1;
    while (prefix.charCodeAt(i) === 32)
        i++;
    let whole = 0;
    let digits = 0;
    for (let c = prefix.charCodeAt(i) - 48; c >= 0 && c <= 9; c = prefix.charCodeAt(++i) - 48) {
        whole = whole * 10 + c;
        digits++;
    }
    if (digits === 0 || prefix.charCodeAt(i) !== 46 /* . */)
        return undefined;
    let fraction = 0;
    let scale = 1;
    for (let c = prefix.charCodeAt(++i) - 48; c >= 0 && c <= 9; c = prefix.charCodeAt(++i) - 48) {
        fraction = fraction * 10 + c;
        scale *= 10;
    }
    return whole + fraction / scale;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DMESG_T = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})\]$/;
/** `--time-format iso` to the second, then its zone (the fraction between them is not read). */
const ISO_SECOND = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):?(\d\d)$/;
/**
 * The last clock time read to the second, and its seconds: the lines of one second share
 * them (a date is read with a regular expression and checked, too dear for every line).
 */
let lastDmesgT = { time: '', seconds: undefined };
let lastIsoSecond = { head: '', zone: '', seconds: undefined };
/** The seconds of a `dmesg -T` time (`[Wed Nov 26 04:00:00 2026]`; see TimeKind), or undefined for a date that does not exist. */
function dmesgTTime(time) {
    if (time !== lastDmesgT.time) {
        const t = DMESG_T.exec(time);
        lastDmesgT = { time, seconds: t ? utcSeconds(t[6], MONTHS.indexOf(t[1]) + 1, t[2], t[3], t[4], t[5]) : undefined };
    }
    return lastDmesgT.seconds;
}
/** The seconds of a `dmesg --time-format iso` time (`2026-11-26T04:00:00,123456+00:00`; see TimeKind), or undefined for a date or zone that does not exist. */
function isoTime(time) {
    // The prefix's pattern says what is where: 19 characters to the second, `,` or `.`, digits
    // (6 from dmesg), the zone.
    const at26 = time.charCodeAt(26);
    const zone = time.slice(at26 === 43 /* + */ || at26 === 45 /* - */ ? 26 : Math.max(time.lastIndexOf('+'), time.lastIndexOf('-')));
    const head = time.slice(0, 19);
    const last = lastIsoSecond;
    if (head !== last.head || zone !== last.zone) {
        const t = ISO_SECOND.exec(head + zone);
        const local = t ? utcSeconds(t[1], Number(t[2]), t[3], t[4], t[5], t[6]) : undefined;
        const zoneHours = t ? Number(t[8]) : 99;
        const zoneMinutes = t ? Number(t[9]) : 99;
        const offset = (zoneHours * 60 + zoneMinutes) * 60;
        lastIsoSecond = { head, zone, seconds: local === undefined || zoneHours > 14 || zoneMinutes > 59 ? undefined : local - (t[7] === '+' ? offset : -offset) };
    }
    return lastIsoSecond.seconds;
}
/** Date.UTC of a date and time that exist (month 1-12, from 1970 on), else undefined. */
function utcSeconds(year, month, day, hours, minutes, seconds) {
    const y = Number(year);
    const d = Number(day);
    const h = Number(hours);
    const m = Number(minutes);
    const s = Number(seconds);
    if (y < 1970 || month < 1 || month > 12 || d < 1 || h > 23 || m > 59 || s > 59)
        return undefined;
    // Day 0 of the next month is the last of this one.
    if (d > new Date(Date.UTC(y, month, 0)).getUTCDate())
        return undefined;
    return Date.UTC(y, month - 1, d, h, m, s) / 1000;
}
/** `dmesg -J`'s message line (its priority and time are lines of their own before it). */
const DMESG_JSON_MESSAGE = /^\s*"msg": ("(?:[^"\\]|\\.)*")$/;
/** journald's message when it could not keep up with the kernel's log. */
const JOURNALD_MISSED_TEXT = /^Missed \d+ kernel messages?$/;
/** `journalctl -o json-pretty`: an entry spans lines, its message on one of them. */
const JOURNAL_PRETTY_MESSAGE = /^\s+"MESSAGE" : ("(?:[^"\\]|\\.)*"),?$/;
/**
 * `journalctl -o json` (an object per line, the message in MESSAGE: a string, or an array
 * of bytes when it is not UTF-8) and `dmesg -J`: the message, or undefined for any other line.
 */
function jsonMessage(line) {
    try {
        const dmesg = DMESG_JSON_MESSAGE.exec(line);
        if (dmesg)
            return { text: JSON.parse(dmesg[1]), fromUser: false, timed: true };
        // Only the message line of these is read: the entry's other fields (who wrote it) are on other lines.
        const pretty = JOURNAL_PRETTY_MESSAGE.exec(line);
        if (pretty) {
            const text = JSON.parse(pretty[1]);
            // journald's own note of what it lost (the only program's message kept apart: it counts).
            return JOURNALD_MISSED_TEXT.test(text) ? { text: `systemd-journald: ${text}`, fromUser: true, timed: true } : { text, fromUser: false, timed: true };
        }
        if (!line.startsWith('{'))
            return undefined;
        const entry = JSON.parse(line);
        const message = entry.MESSAGE;
        const text = typeof message === 'string' ? message
            : Array.isArray(message) && message.every((b) => typeof b === 'number') ? Buffer.from(message).toString('utf8') : undefined;
        if (text === undefined)
            return undefined;
        // What user space writes to /dev/kmsg comes by the kernel's transport, with its own facility (the kernel's is 0).
        const fromUser = (entry._TRANSPORT !== undefined && entry._TRANSPORT !== 'kernel') || (entry.SYSLOG_FACILITY !== undefined && String(entry.SYSLOG_FACILITY) !== '0');
        // A program's entry keeps its name, as a syslog line does (journald's own notes are told by it).
        const ident = fromUser && typeof entry.SYSLOG_IDENTIFIER === 'string' ? `${entry.SYSLOG_IDENTIFIER}${typeof entry._PID === 'string' ? `[${entry._PID}]` : ''}: ` : '';
        return { text: ident + text, fromUser, timed: true };
    }
    catch {
        return undefined;
    }
}
/** `prio,seq,usec,flags;message` parsed by hand: this runs once per line of a long log. */
function parseKmsgHeader(line) {
    const len = line.length;
    let i = 0;
    let field = 0;
    let prio = 0;
    let seq = 0;
    let digits = 0;
    while (i < len && field < 3) {
        const c = line.charCodeAt(i);
        if (c >= 48 && c <= 57) {
            if (field === 0)
                prio = prio * 10 + (c - 48);
            else if (field === 1)
                seq = seq * 10 + (c - 48);
            digits++;
        }
        else if (c === 44 && digits > 0) {
            field++;
            digits = 0;
        }
        else {
            return undefined;
        }
        i++;
    }
    if (field < 3)
        return undefined;
    const semi = line.indexOf(';', i);
    if (semi < 0 || semi - i > 16)
        return undefined;
    // The priority holds the facility above its 3 level bits: 0 is the kernel's.
    return { text: line.slice(semi + 1), seq, fromUser: prio >= 8, timed: true };
}

// EXTERNAL MODULE: ./src/parse/record-bytes.ts
var record_bytes = __nccwpck_require__(416);
// EXTERNAL MODULE: ./src/parse/record.ts
var parse_record = __nccwpck_require__(626);
;// CONCATENATED MODULE: ./src/parse/reorder.ts
// Puts kmsg records back into sequence order with a bounded window: a record may
// reach the host after later ones (several readers, interleaved ports), but not by
// more than `window` lines. Gaps in the sequence are lost records; a record older
// than everything already released is a duplicate (a reader that reopened /dev/kmsg)
// unless it falls in a gap already counted lost, in which case it is late.
const GAP_MEMORY = 1024;
class ReorderWindow {
    emit;
    onLate;
    window;
    fromZero;
    heap = [];
    released = -1;
    /** The highest sequence number pushed so far (-1: none). */
    highest = -1;
    arrivals = 0;
    gaps = [];
    stats = { lost: 0, late: 0, duplicates: 0 };
    constructor(emit, onLate, window = 4096, 
    /** The sequence starts at 0: a first record above it follows records lost. */
    fromZero = false) {
        this.emit = emit;
        this.onLate = onLate;
        this.window = window;
        this.fromZero = fromZero;
    }
    push(seq, item) {
        if (this.released >= 0 && seq <= this.released) {
            if (this.inGap(seq)) {
                this.stats.late++;
                this.onLate(seq, item);
            }
            else {
                this.stats.duplicates++;
            }
            return;
        }
        // Nothing is released before the window first fills (or the log ends): the first
        // records to arrive need not be the first in sequence.
        if (seq > this.highest)
            this.highest = seq;
        if (this.heap.length === 0 && this.released >= 0 && seq === this.released + 1) {
            this.release(seq, item);
            return;
        }
        this.hold(seq, item);
    }
    /**
     * A record without a sequence number (a console line among kmsg records): after
     * everything that arrived before it, and after a late record sent before those.
     */
    pushUnsequenced(item) {
        if (this.highest < 0) {
            this.emit(item);
            return;
        }
        this.hold(this.highest + 0.5, item);
    }
    hold(seq, item) {
        heapPush(this.heap, { seq, order: this.arrivals++, item });
        while (this.heap.length > 0 && (this.heap[0].seq <= this.released + 1 || this.heap.length > this.window)) {
            const next = heapPop(this.heap);
            this.release(next.seq, next.item);
        }
    }
    /**
     * When `seq` is the very next record and nothing is held, counts it released and
     * returns true: the caller applies it at once (push() without building an item).
     */
    takeNext(seq) {
        if (this.heap.length > 0 || this.released < 0 || seq !== this.released + 1)
            return false;
        this.released = seq;
        this.highest = seq;
        return true;
    }
    /** Releases everything still held, in order. */
    flush() {
        while (this.heap.length > 0) {
            const next = heapPop(this.heap);
            this.release(next.seq, next.item);
        }
    }
    release(seq, item) {
        if (!Number.isInteger(seq)) {
            // Placed among the sequence, not part of it.
            if (item !== undefined)
                this.emit(item);
            return;
        }
        if (this.released >= 0) {
            if (seq <= this.released) {
                this.stats.duplicates++;
                return;
            }
            if (seq > this.released + 1) {
                this.stats.lost += seq - this.released - 1;
                this.gaps.push([this.released + 1, seq - 1]);
                if (this.gaps.length > GAP_MEMORY)
                    this.gaps.shift();
            }
        }
        else if (this.fromZero && seq > 0) {
            this.stats.lost += seq;
            this.gaps.push([0, seq - 1]);
        }
        this.released = seq;
        if (item !== undefined)
            this.emit(item);
    }
    /** Binary search: gaps are recorded in sequence order (a log read twice asks this for every record). */
    inGap(seq) {
        const gaps = this.gaps;
        let lo = 0;
        let hi = gaps.length - 1;
        while (lo <= hi) {
            const mid = (lo + hi) >> 1;
            const [first, last] = gaps[mid];
            if (seq < first)
                hi = mid - 1;
            else if (seq > last)
                lo = mid + 1;
            else
                return true;
        }
        return false;
    }
}
function before(a, b) {
    return a.seq < b.seq || (a.seq === b.seq && a.order < b.order);
}
function heapPush(heap, node) {
    heap.push(node);
    let i = heap.length - 1;
    while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!before(node, heap[parent]))
            break;
        heap[i] = heap[parent];
        i = parent;
    }
    heap[i] = node;
}
function heapPop(heap) {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0)
        return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
        const l = 2 * i + 1;
        if (l >= n)
            break;
        const r = l + 1;
        const child = r < n && before(heap[r], heap[l]) ? r : l;
        if (!before(heap[child], last))
            break;
        heap[i] = heap[child];
        i = child;
    }
    heap[i] = last;
    return top;
}

;// CONCATENATED MODULE: ./src/parse/terminal-wrap.ts
// A console copied from a terminal that wrapped its lines at the terminal's width: every
// long line ends at that column and goes on, without a time, on the next line. A record
// wrapped that way reads well up to the cut (a function name `leaky_` for
// `leaky_conf_new`), so such records are told apart by the log's shape, not their own.

/** Lines of one width that went on in an untimed line, before that width is taken for a terminal's. */
const MIN_WRAPS = 5;
/** Narrower lines are not a terminal's width. */
const MIN_WIDTH = 40;
const NOT_BLANK = /\S/;
/** Record lines kept per width. */
const MAX_RECORD_LINES = 1000;
class TerminalWrap {
    byWidth = new Map();
    previous;
    sites = new parse_record/* SiteTable */.Eu(16);
    /** Record lines already counted unreadable (the cut fell in a field the record cannot do without). */
    unreadableLines = new Set();
    unreadable(lineNo) {
        if (this.unreadableLines.size < MAX_RECORD_LINES)
            this.unreadableLines.add(lineNo);
    }
    /**
     * A line read the careful way: its length, whether it starts with a console time
     * (`[   12.345678]`), whether its prefix has any time, whether it held a record, its message.
     */
    line(lineNo, length, consoleTime, timed, record, text) {
        const before = this.previous;
        if (before !== undefined && before.lineNo === lineNo - 1 && !timed && !record && NOT_BLANK.test(text)) {
            let width = this.byWidth.get(before.length);
            if (width === undefined) {
                if (this.byWidth.size >= 64)
                    return;
                width = { wraps: 0, recordLines: [] };
                this.byWidth.set(before.length, width);
            }
            width.wraps++;
            if (before.record !== undefined && width.recordLines.length < MAX_RECORD_LINES && this.goesOn(before.record, text, lineNo))
                width.recordLines.push(before.lineNo);
        }
        this.previous = consoleTime && length >= MIN_WIDTH ? { lineNo, length, record: record ? text : undefined } : undefined;
    }
    /**
     * Whether `next` can be the rest of the record line `record` (its function name's end, or
     * more of its fields): together they read as one record. A test script's `+ echo step 1`
     * or systemd's `[  OK  ] Started ...` after a record do not.
     */
    goesOn(record, next, lineNo) {
        // A copy from a terminal's screen may lose the space the cut fell on.
        return [record + next, `${record} ${next}`].some((joined) => {
            const at = (0,parse_record/* findRecord */.Tq)(joined);
            return at >= 0 && !(0,parse_record/* isRecordError */.Oz)((0,parse_record/* parseRecordStrict */.K2)(joined, at, lineNo, undefined, this.sites));
        });
    }
    /** The width most lines were wrapped at, when it is a terminal's and records were wrapped at it. */
    finish() {
        let best;
        let bestWraps = 0;
        for (const [width, { wraps, recordLines }] of this.byWidth) {
            if (wraps >= MIN_WRAPS && wraps > bestWraps && recordLines.length > 0) {
                best = { width, recordLines, readLines: recordLines.filter((n) => !this.unreadableLines.has(n)).length };
                bestWraps = wraps;
            }
        }
        return best;
    }
}

;// CONCATENATED MODULE: ./src/parse/time-order.ts
// What the times of the kernel's lines say about a log: one capture of one boot goes
// forward (printk times only go back by the moment between two CPUs' messages), so a time
// well before the last one, or the log's first two timed lines again word for word,
// is a second capture appended to the first, or a second boot.
/** Times this much earlier than the line before (seconds) are not one capture's. */
const TIME_BACK_LIMIT = 1;
/** The times of one kind of a log's kernel lines, in log order. */
class TimeOrder {
    kind;
    first = [];
    last = 0;
    /** The line that repeated the first timed line word for word, if the one before this did. */
    repeatLine = 0;
    constructor(kind) {
        this.kind = kind;
    }
    /** Takes the next line's time; returns where a second capture or boot starts when this line shows one (only once records were read). */
    see(seconds, raw, lineNo, afterRecords) {
        const first = this.first;
        let restart;
        if (first.length < 2) {
            first.push({ seconds, raw });
        }
        else if (afterRecords) {
            if (this.last - seconds > TIME_BACK_LIMIT)
                restart = { lineNo, by: this.kind === 'boot' ? 'time' : 'clock' };
            else if (this.repeatLine !== 0 && seconds === first[1].seconds && raw === first[1].raw)
                restart = { lineNo: this.repeatLine, by: 'repeat' };
            // To the second, one capture repeats lines too: a module loaded twice within a second
            // logs the same lines, at the same address, at the same time.
            this.repeatLine = this.kind !== 'dmesg-T' && seconds === first[0].seconds && raw === first[0].raw ? lineNo : 0;
        }
        this.last = seconds;
        return restart;
    }
}
/** The times of a log's kernel lines, each kind on its own; which kind speaks for the log is known at its end. */
class LogTimes {
    /** In the order their kinds first appeared. */
    orders = new Map();
    see(kind, seconds, raw, lineNo, afterRecords) {
        let entry = this.orders.get(kind);
        if (entry === undefined)
            this.orders.set(kind, entry = { order: new TimeOrder(kind) });
        const restart = entry.order.see(seconds, raw, lineNo, afterRecords);
        entry.restart ??= restart;
    }
    /**
     * Where a second capture or boot starts by the times of the log's own kind: since boot
     * when it has such lines (a clock time among them is a program's line, a test script's
     * `dmesg -T`, whose second printout goes back), else the clock first seen.
     */
    restart() {
        const kind = this.orders.has('boot') ? 'boot' : this.orders.keys().next().value;
        return kind === undefined ? undefined : this.orders.get(kind).restart;
    }
}

;// CONCATENATED MODULE: ./src/parse/log-parser.ts










// The streaming parser: bytes in, matcher events out (in kmsg order), plus what the
// log says about the run itself (crashes, dropped messages, lost records, kernel).
// Memory holds one capped line, the reorder window and bounded diagnostics.
/** A message that starts with a record token not followed by a space: `modleak1\tm\tA ...`, `modleak1m A ...`. */
const BROKEN_RECORD_TOKEN = /^\s*(modleak\d+)[^\d ]/;
/** Modules left out by --module that the report names (a misspelt name shows what the log holds). */
const MAX_OTHER_MODULES_NAMED = 8;
/** Odd-width addresses kept for judging once the log's width is known (the diagnostics cap what is shown anyway). */
const MAX_ODD_BEFORE_WIDTH = 1000;
const DROPPED = /\*\* (\d+) printk messages dropped \*\*/;
/** A count the log states, kept within what a number holds exactly (a garbled one can have any number of digits). */
function statedCount(digits) {
    return Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
}
/** `journalctl -o json-pretty`'s MESSAGE as bytes: an array whose numbers follow on the next lines. */
const PRETTY_BYTES_MESSAGE = /^\s+"MESSAGE" : \[\s*$/;
/** The same as a whole line, as the kernel prints it untimed on a console. */
const DROPPED_LINE = /^\*\* (\d+) printk messages dropped \*\*\s*$/;
/** journald's own line when it could not keep up with the kernel's log (`journalctl -b` shows it, `-k` does not). */
const JOURNALD_MISSED = /(?:^|\s)systemd-journald(?:\[\d+\])?: Missed (\d+) kernel messages?$/;
/** A run of NUL bytes this long is a hole in the file (a file system that lost data in a crash), not line noise. */
const NUL_RUN = /\0{64}/;
/** User space's crash-like lines remembered (see LogFacts.userCrashTitles). */
const MAX_USER_CRASH_TITLES = 100;
/** What modleak's guest init writes to the console before each of its lines (run/init-script.ts). */
const RUNNER_PREFIX = 'modleak-init:';
/** Its lines remembered: a run writes a dozen. */
const MAX_RUNNER_LINES = 1000;
/** Module names whose --module verdict is remembered. */
const MAX_FILTERED_NAMES = 1000;
/** Hosts whose syslog or journal lines the log can hold at most: more are not told apart. */
const MAX_SYSLOG_HOSTS = 16;
const LINUX_VERSION = /Linux version (\d\S*)/;
/** The kernel's first message as it starts a boot: "Linux version 6.1.0-56-cloud-amd64 (debian-kernel@...". */
const BOOT_BANNER = /Linux version \d\S* \(/;
/** What `journalctl` prints between two boots' messages (`-- Reboot --` before systemd 250). */
const JOURNAL_BOOT = /^-- (?:Boot [0-9a-f]{32}|Reboot) --$/;
/** A console timestamp, `[   12.345678]`. */
const CONSOLE_TIME = /\[\s*(\d+)\.(\d+)\]/;
/**
 * Whether a line is the kernel's banner as it starts a boot: its message starts with it,
 * and its timestamp, if it has one, is 0 (a test script echoing /proc/version later, or a
 * driver naming the kernel it was built for, is not one).
 */
function isBootBanner(text, raw) {
    return text.startsWith('Linux version ') && isBannerText(text, raw);
}
/**
 * The banner's words anywhere in the message, at time 0 or with no time since boot: a
 * capture tool's prefix modleak does not strip (grabserial, minicom, journalctl -o export,
 * RFC 5424) still lets it name the kernel, though not start a boot.
 */
function isBannerText(text, raw) {
    if (!BOOT_BANNER.test(text))
        return false;
    const time = CONSOLE_TIME.exec(raw);
    return time === null || Number(time[1]) + Number(time[2]) === 0;
}
class LogParser {
    options;
    fields;
    splitter;
    crashes;
    recordParser = new parse_record/* RecordParser */.xp();
    byteParser;
    /** Records a second thread read ahead (see decoded-chunk.ts). */
    decoded;
    ptrs;
    reorder;
    /** The modules asked for (--module), by moduleKey; undefined: all. */
    moduleFilter;
    /** Each module name read, whether the filter leaves it out: one lookup per record, the key made once per name. */
    filteredOut = new Map();
    facts = {
        droppedMessages: 0, sequenced: false, truncatedTail: false, lines: 0, records: 0,
        malformedRecords: 0, unknownGrammarRecords: 0, otherModuleRecords: 0, otherModules: [], userCrashTitles: [], runnerLines: [],
    };
    /** Records of each grammar this modleak does not know: how many, and the first one's line. */
    versionsSeen = new Map();
    /** Whether facts.kernelRelease came from the kernel's banner itself, not its words behind a prefix not stripped. */
    releaseFromBanner = false;
    /** The release came from a line without a time, before the log's first timed line. */
    releaseUntimed = false;
    /** Until the first chunk: it may start with a byte order mark. */
    atStart = true;
    /** A line whose prefix carries a time was read: a console line without one is then a program's output. */
    timed = false;
    /** The times of the kernel's lines: a log read twice shows in them (see end()). */
    times = new LogTimes();
    /** A line ending in a run of NUL bytes: a hole in the file if more of the log follows (else a preallocated file's tail). */
    nulLine = 0;
    terminalWrap = new TerminalWrap();
    /** Lines without a record that held bytes not UTF-8 text, and the first of them. */
    undecodable = { lines: 0, first: 0 };
    /** Hosts of the syslog or journal `kernel:` lines read: a program's line is one only from such a host. */
    syslogHosts = new Set();
    /** Addresses neither 16 nor 8 digits wide read before the log's width was known. */
    oddBeforeWidth = [];
    /**
     * `sink` gets every event in kmsg order; `fields`, when given, gets instead the common
     * allocation and free records that arrive in order, field by field.
     */
    constructor(options, sink, fields) {
        this.options = options;
        this.fields = fields;
        this.ptrs = options.pointers ?? new pointer/* PointerKeys */.Yq();
        // Only the record log finds a report whose title is not in it: the console log only adds reports to the record log's.
        this.crashes = new CrashCollector(options.records);
        this.byteParser = new record_bytes/* ByteRecordParser */.Z4(this.recordParser, this.ptrs);
        this.decoded = new decoded_chunk/* DecodedRecords */.TT(this.byteParser, this.ptrs);
        const maxLineBytes = options.maxLineBytes ?? line_splitter/* DEFAULT_MAX_LINE_BYTES */.i$;
        this.splitter = new line_splitter/* ByteLineSplitter */.kW((bytes, start, end, lineNo, dropped, terminated, droppedRecords) => this.line(bytes, start, end, lineNo, dropped, terminated, droppedRecords), maxLineBytes, options.records ? this.fastLines(maxLineBytes) : undefined);
        // Either spelling, - or _, as the kernel compares names (records carry _, a hand-made log may have -).
        this.moduleFilter = options.modules && options.modules.length > 0 ? new Set(options.modules.map(parse_record/* moduleKey */.MP)) : undefined;
        this.reorder = new ReorderWindow(sink, (seq, item) => {
            if (item) {
                options.diagnostics.add('late', {
                    severity: 'warning', file: options.file, line: item.logLine,
                    message: `record with kmsg sequence ${seq} arrived after its reorder window closed and after its number was counted lost; it was not applied`,
                }, 'late-record');
            }
        }, options.reorderWindow, options.fromFirstRecord);
    }
    /** Records known lost so far (gaps released from the window plus dropped messages). */
    get lostSoFar() {
        return this.reorder.stats.lost + this.facts.droppedMessages;
    }
    /** `decoded`: what a read-ahead thread wrote down of this chunk's records (decoded-chunk.ts). */
    push(chunk, decoded) {
        if (this.atStart) {
            this.atStart = false;
            chunk = (0,line_splitter/* withoutByteOrderMark */.Yi)(chunk);
        }
        if (decoded === undefined || !this.options.records) {
            this.splitter.push(chunk);
            return;
        }
        this.decoded.begin(decoded);
        this.splitter.push(chunk);
        this.decoded.end();
    }
    /** `readError`: the stream failed part way; what was read is analysed and the tail counts as truncated. */
    end(options = {}) {
        this.splitter.end();
        this.reorder.flush();
        // Records with kmsg sequence numbers say a second capture themselves (repeated numbers are
        // dropped as such); a timed line among them is a program's (a test script's `dmesg`).
        const byTimes = this.facts.sequenced ? undefined : this.times.restart();
        if (byTimes !== undefined)
            this.noteRestart(byTimes.lineNo, byTimes.by);
        this.warnOddWidth();
        const { diagnostics, file } = this.options;
        if (options.readError !== undefined) {
            this.facts.truncatedTail = true;
            diagnostics.add('read-error', { severity: 'error', file, message: options.readError });
        }
        if (this.undecodable.lines > 0) {
            const { lines, first } = this.undecodable;
            diagnostics.add('undecodable', {
                severity: 'warning', file, line: first, field: 'line',
                message: `line ${first}: ${lines} line(s) without a modleak1 record held bytes that are not UTF-8 text (binary data, or text in another encoding), the first at line ${first}; read as other text, expected kernel log lines. A log that is all binary is no kernel log: check the file given`,
            });
        }
        const wrapped = this.options.records ? this.terminalWrap.finish() : undefined;
        if (wrapped) {
            const [first] = wrapped.recordLines;
            this.facts.malformedRecords += wrapped.readLines;
            this.facts.firstMalformedLine = Math.min(this.facts.firstMalformedLine ?? first, first);
            diagnostics.add('terminal-wrap', {
                severity: 'error', file, line: first, field: 'line',
                message: `line ${first}: this log's long lines end at column ${wrapped.width} and go on in the next line, as a terminal ${wrapped.width} columns wide wraps them: ${wrapped.recordLines.length} record line(s) ending there, the first at line ${first}, lost their end to the next line (a function name cut short reads as another; ${wrapped.readLines} of them read so); capture the console to a file (not from a terminal's screen), or stream /dev/kmsg`,
            });
        }
        for (const [grammar, { count, firstLine }] of this.versionsSeen) {
            diagnostics.add('version', {
                severity: 'error', file, line: firstLine, field: 'grammar',
                message: `record grammar ${grammar} is not understood by this modleak (expects modleak1); upgrade modleak. ${count} such record(s) were not analysed, the first at line ${firstLine}`,
            });
        }
        if (this.reorder.stats.duplicates > 0) {
            diagnostics.add('duplicates', {
                severity: 'info', file,
                message: `${this.reorder.stats.duplicates} record(s) repeated an already seen kmsg sequence number (a reader reopened /dev/kmsg) and were ignored`,
            });
        }
        return {
            ...this.facts,
            lines: this.splitter.lines,
            crashes: this.crashes.finish(),
            droppedCrashes: this.crashes.dropped,
            lostRecords: this.reorder.stats.lost,
        };
    }
    line(bytes, start, end, lineNo, droppedBytes, terminated, droppedRecords) {
        if (droppedBytes > 0) {
            this.options.diagnostics.add('overlong', {
                severity: 'warning', file: this.options.file, line: lineNo,
                message: `line ${lineNo}: it is ${droppedBytes + end - start} bytes long; kept its first ${end - start} bytes and skipped the rest`,
            }, 'overlong-line');
            if (droppedRecords > 0 && this.options.records)
                this.unreadable(lineNo, `line ${lineNo}: the ${droppedBytes} bytes skipped after the ${end - start} kept hold ${droppedRecords} modleak1 record(s), not read`, 'line', droppedRecords);
        }
        else if (this.options.records && terminated) {
            const kind = this.byteParser.read(bytes, start, end, true);
            if (kind !== record_bytes/* NO_RECORD */.iF) {
                this.fastRecord(kind, lineNo);
                return;
            }
        }
        this.slowLine(bytes.toString('utf8', start, end), { lineNo, terminated, cappedAt: droppedBytes > 0 ? end - start : 0 });
    }
    /** Whether --module leaves this module's records out. */
    leftOut(module) {
        const filter = this.moduleFilter;
        if (filter === undefined)
            return false;
        let out = this.filteredOut.get(module);
        if (out === undefined) {
            out = !filter.has((0,parse_record/* moduleKey */.MP)(module));
            // Names are few; a log of garbled ones is not remembered past a bound.
            if (this.filteredOut.size < MAX_FILTERED_NAMES)
                this.filteredOut.set(module, out);
        }
        return out;
    }
    skipOtherModule(module) {
        this.facts.otherModuleRecords++;
        const names = this.facts.otherModules;
        if (names.length < MAX_OTHER_MODULES_NAMED && !names.includes(module))
            names.push(module);
    }
    /** Records that could not be read: counted as malformed (the run is incomplete), with one diagnostic. */
    unreadable(lineNo, message, field, count = 1) {
        this.facts.malformedRecords += count;
        this.facts.firstMalformedLine ??= lineNo;
        this.terminalWrap.unreadable(lineNo);
        this.options.diagnostics.add('malformed', { severity: 'error', file: this.options.file, line: lineNo, field, message }, 'malformed-record');
    }
    /**
     * The splitter's shortcut: the records the read-ahead thread read from this line on, or
     * else a well-formed kmsg record line, read in place up to its newline.
     */
    fastLines(maxLineBytes) {
        const taker = {
            startRun: () => this.startTakenRun(),
            record: (kind, lineNo, seq, head, site, ptr, size) => this.takenRecord(kind, lineNo, seq, head, site, ptr, size),
        };
        const fast = {
            next: 0,
            take: (bytes, start, end, lineNo) => {
                const taken = this.decoded.takeRun(start, lineNo, maxLineBytes, taker);
                if (taken > 0) {
                    fast.next = this.decoded.next;
                    return taken;
                }
                const kind = this.byteParser.read(bytes, start, end, false);
                if (kind === record_bytes/* NO_RECORD */.iF)
                    return 0;
                const next = this.byteParser.next;
                // An overlong line goes the usual way, which cuts it and says so.
                if (next - start - 1 > maxLineBytes)
                    return 0;
                this.fastRecord(kind, lineNo);
                fast.next = next;
                return 1;
            },
        };
        return fast;
    }
    /** What fastRecord() does once per record that can be done once per run of records taken (nothing between them changes it). */
    startTakenRun() {
        this.facts.sequenced = true;
        if (!this.timed || this.nulLine !== 0)
            this.watchFast();
        this.crashes.interrupt();
    }
    /** fastRecord() of a record the read-ahead thread read (after startTakenRun()), without setting the byte parser's fields when it goes straight to the matcher. */
    takenRecord(kind, lineNo, seq, head, site, ptr, size) {
        const fields = this.fields;
        if (fields !== undefined && this.moduleFilter === undefined && this.reorder.takeNext(seq)) {
            this.facts.records++;
            this.toFields(fields, kind, lineNo, seq, head.value, ptr, size, site.value);
            return;
        }
        this.fastRecord(this.byteParser.take(kind, seq, head, site, ptr, size), lineNo);
    }
    /** The common case: a well-formed kmsg record line, already read from its bytes into byteParser's fields. */
    fastRecord(kind, lineNo) {
        const p = this.byteParser;
        const seq = p.seq;
        this.facts.sequenced = true;
        this.facts.records++;
        // Rare: the log's first timed line, or a line after a NUL run.
        if (!this.timed || this.nulLine !== 0)
            this.watchFast();
        this.crashes.interrupt();
        if (this.leftOut(p.module)) {
            this.skipOtherModule(p.module);
            this.reorder.push(seq, undefined);
            return;
        }
        const fields = this.fields;
        const ptr = p.ptr;
        if (fields !== undefined && typeof ptr === 'number' && kind !== record_bytes/* REALLOC */.X9 && this.reorder.takeNext(seq)) {
            this.toFields(fields, kind, lineNo, seq, p.headEntry.value, ptr, p.size, p.site);
            return;
        }
        this.reorder.push(seq, p.event(kind, lineNo));
    }
    /** An in-order allocation or free at a number key, to the field sink (its head's names first, once). */
    toFields(fields, kind, lineNo, seq, head, ptr, size, site) {
        if (!head.named) {
            head.named = true;
            fields.names(head.module, head.api);
        }
        if (kind === record_bytes/* ALLOC */.QS)
            fields.allocNumber(head.module, lineNo, seq, head.api, ptr, size, site);
        else
            fields.freeNumber(head.module, lineNo, seq, head.api, ptr, site);
    }
    /** `cappedAt`: the bytes kept of a line that went on past the line cap (its last record, if any, is cut); 0 for a whole line. */
    slowLine(raw, info) {
        this.checkNul(raw, info.lineNo);
        const first = raw.charCodeAt(0);
        if ((first === 9 || first === 32) && this.options.records && PRETTY_BYTES_MESSAGE.test(raw)) {
            this.unreadable(info.lineNo, `line ${info.lineNo}: a journalctl -o json-pretty entry's MESSAGE is an array of bytes over several lines (a message that is not UTF-8 text), which modleak does not read, and it may be a record; export the log with journalctl -o json (one entry per line)`, 'MESSAGE');
            return;
        }
        let parsed = normalizeLine(raw);
        if (!parsed)
            return;
        if (parsed.syslogHost !== undefined) {
            if (!parsed.fromUser) {
                if (this.syslogHosts.size < MAX_SYSLOG_HOSTS)
                    this.syslogHosts.add(parsed.syslogHost);
            }
            else if (!this.syslogHosts.has(parsed.syslogHost)) {
                // No kernel line of that host: a time and a kernel message that reads like a program's line.
                parsed = { text: parsed.text, fromUser: false, timed: false };
            }
        }
        const { text, seq } = parsed;
        if (parsed.timed)
            this.sawTimedLine();
        // A banner is the surer sign of a second boot, and says so (kernelLine).
        // In a syslog or journal log, only the kernel's lines carry printk's times (`journalctl -o short-monotonic` shows journald's for others).
        if (parsed.timeKind !== undefined && seq === undefined && !parsed.fromUser && (this.syslogHosts.size === 0 || parsed.syslogHost !== undefined)
            && !text.startsWith('Linux version '))
            this.times.see(parsed.timeKind, parsed.seconds, raw, info.lineNo, this.facts.records > 0);
        if (seq !== undefined) {
            // The kernel's first record again, after records already read: the sequence restarted.
            if (seq === 0 && this.facts.sequenced && text.startsWith('Linux version '))
                this.noteRestart(info.lineNo, 'sequence');
            this.facts.sequenced = true;
        }
        let at = text.indexOf('modleak') < 0 ? -1 : (0,parse_record/* findRecord */.Tq)(text);
        // Bytes that are not UTF-8 text (binary garbage, another encoding) in a line without a record; a record's own are its error.
        if (at < 0 && text.includes('\uFFFD') && this.undecodable.lines++ === 0)
            this.undecodable.first = info.lineNo;
        if (seq === undefined)
            this.terminalWrap.line(info.lineNo, raw.length, parsed.timeKind === 'boot', parsed.timed, at >= 0, text);
        if (at > 0 && seq !== undefined && text.slice(0, at).trim() !== '') {
            // A /dev/kmsg record is one whole message, and the header's start theirs: one later
            // in a message quotes a record (a test script's echo, a driver dumping text).
            this.options.diagnostics.add('quoted-record', {
                severity: 'info', file: this.options.file, line: info.lineNo,
                message: `line ${info.lineNo}: a kernel message mentions a modleak1 record after its start; read as ordinary text, since a record starts its message`,
            });
            at = -1;
        }
        const broken = at < 0 && this.options.records ? BROKEN_RECORD_TOKEN.exec(text) : null;
        if (broken) {
            // The token run into what follows (a tab, a lost space): a record whose separators a console changed, not text.
            this.facts.records++;
            this.unreadable(info.lineNo, `line ${info.lineNo}: the message starts with the record token '${broken[1]}' but no space follows it (separators changed or lost on the way); record skipped`, 'grammar');
        }
        if (at < 0) {
            // A kmsg record's header is transport framing: crash excerpts show its message; console lines keep their timestamps.
            // What user space wrote (a test script's output, a program's log line) is not the kernel's crash, banner or loss.
            this.kernelLine(text, seq === undefined ? raw : text, info.lineNo, !parsed.fromUser && (parsed.timed || !this.timed), !parsed.timed, parsed.fromUser);
            if (seq !== undefined)
                this.reorder.push(seq, undefined);
            return;
        }
        this.crashes.interrupt();
        if (!this.options.records)
            return;
        let start = at;
        let lineSeq = seq;
        for (;;) {
            const result = this.recordParser.parse(text, start, info.lineNo, lineSeq);
            // Records run together only on a console: a kmsg message is one record.
            const next = (0,parse_record/* isRecordError */.Oz)(result) && seq === undefined ? (0,parse_record/* findRecord */.Tq)(text, start + 1) : -1;
            if (next < 0) {
                if (info.cappedAt > 0) {
                    this.facts.records++;
                    this.unreadable(info.lineNo, `line ${info.lineNo}: its last record runs past the line cap (the first ${info.cappedAt} bytes of the line are kept) and was cut there; record skipped`, 'line');
                    // Its number arrived: unreadable, not lost.
                    if (lineSeq !== undefined)
                        this.reorder.push(lineSeq, undefined);
                }
                else {
                    this.slowRecord(result, info.lineNo, lineSeq, !info.terminated);
                }
                return;
            }
            // Two records run together (a console that lost the newline between them): each
            // is read on its own; only the first has the line's sequence number.
            const first = stripGluedConsolePrefix(text.slice(start, next));
            this.slowRecord(this.recordParser.parse(first, 0, info.lineNo, lineSeq), info.lineNo, lineSeq, false);
            start = next;
            lineSeq = undefined;
        }
    }
    /** A record the careful path read (or could not); `cut`: the log ends inside it. */
    slowRecord(result, lineNo, seq, cut) {
        const { diagnostics, file } = this.options;
        this.facts.records++;
        let event;
        if ((0,parse_record/* isRecordError */.Oz)(result)) {
            if (result.error === 'version') {
                this.facts.unknownGrammarRecords++;
                const seen = this.versionsSeen.get(result.field);
                if (seen)
                    seen.count++;
                else
                    this.versionsSeen.set(result.field, { count: 1, firstLine: lineNo });
            }
            else if (cut) {
                this.facts.truncatedTail = true;
                diagnostics.add('truncated', {
                    severity: 'error', file, line: lineNo,
                    message: `the log ends in the middle of a record (${result.message}): its tail was truncated`,
                });
            }
            else if (result.module !== undefined && this.leftOut(result.module)) {
                // Another module's record, bad or not: skipped like its good ones.
                this.skipOtherModule(result.module);
            }
            else {
                this.unreadable(lineNo, `line ${lineNo}: ${result.message}; record skipped`, result.field);
            }
        }
        else if (this.leftOut(result.module)) {
            this.skipOtherModule(result.module);
        }
        else {
            if (cut && (result.type === 'alloc' || result.type === 'free' || result.type === 'realloc')) {
                // Its fields all read, but the last one may be cut short (a function name "hw_pro").
                this.facts.truncatedTail = true;
                diagnostics.add('truncated', {
                    severity: 'error', file, line: lineNo,
                    message: `the log ends inside record line ${lineNo}, with no newline after its function '${result.site.function}': the line may have been cut, so the run is not taken as finished`,
                });
            }
            event = this.keyed(result, lineNo);
        }
        if (seq !== undefined) {
            this.reorder.push(seq, event);
        }
        else if (event) {
            this.reorder.pushUnsequenced(event);
        }
    }
    /** The event with its addresses as keys. */
    keyed(event, lineNo) {
        switch (event.type) {
            case 'alloc':
            case 'free':
                return { ...event, ptr: this.key(event.ptr, 'ptr', lineNo) };
            case 'realloc':
                return { ...event, oldPtr: this.key(event.oldPtr, 'old-ptr', lineNo), newPtr: this.key(event.newPtr, 'new-ptr', lineNo) };
            default:
                return event;
        }
    }
    /** An address's key; one not as wide as the run's others (%px prints every one at full width) is warned about. */
    key(ptr, field, lineNo) {
        const key = this.ptrs.key(ptr);
        if (ptr.length !== 16 && ptr.length !== 8 && this.ptrs.digits === 0 && this.oddBeforeWidth.length < MAX_ODD_BEFORE_WIDTH) {
            // Before the log's width is known (its first addresses are odd): judged once it is.
            this.oddBeforeWidth.push({ ptr, field, lineNo });
        }
        this.warnOddWidth();
        if (this.ptrs.digits !== 0 && ptr.length !== this.ptrs.digits)
            this.warnWidth(ptr, field, lineNo);
        return key;
    }
    warnOddWidth() {
        if (this.oddBeforeWidth.length === 0 || this.ptrs.digits === 0)
            return;
        for (const { ptr, field, lineNo } of this.oddBeforeWidth.splice(0))
            this.warnWidth(ptr, field, lineNo);
    }
    warnWidth(ptr, field, lineNo) {
        const width = this.ptrs.digits;
        if (ptr.length === width || /^0+$/.test(ptr))
            return;
        this.options.diagnostics.add('pointer-width', {
            severity: 'warning', file: this.options.file, line: lineNo, field,
            message: `line ${lineNo}: ${field} '${ptr}' has ${ptr.length} hex digits where this log's addresses have ${width} (%px prints every address at full width): a character lost on the way (a serial console overrun?); matched as written, so this record may pair wrongly`,
        });
    }
    /** A record read in place as the log's first timed line, or after a NUL run. */
    watchFast() {
        this.sawTimedLine();
        if (this.nulLine !== 0)
            this.nulHole();
    }
    /** A run of NUL bytes in `raw`, or the first line with more of the log after one. */
    checkNul(raw, lineNo) {
        if (this.facts.nulHoleLine !== undefined)
            return;
        const run = raw.includes('\0') && NUL_RUN.test(raw);
        if (run && this.nulLine === 0)
            this.nulLine = lineNo;
        if (this.nulLine === 0)
            return;
        const after = run ? raw.slice(raw.lastIndexOf('\0') + 1) : raw.replaceAll('\0', '');
        if (after.trim() !== '')
            this.nulHole();
    }
    nulHole() {
        const line = this.nulLine;
        this.facts.nulHoleLine = line;
        this.nulLine = 0;
        this.options.diagnostics.add('nul-hole', {
            severity: 'error', file: this.options.file, line,
            message: `line ${line}: a run of NUL bytes with more of the log after it: the file lost what was written there (a logger whose file system lost data in a crash or power cut), so records may be missing`,
        });
    }
    /** Once a line carries a time, one without is a program's: so were the untimed ones before it. */
    sawTimedLine() {
        if (this.timed)
            return;
        this.timed = true;
        this.crashes.dropProvisional();
        if (this.releaseUntimed) {
            // A test script's `cat /proc/version` before the kernel's first line.
            this.releaseUntimed = false;
            this.releaseFromBanner = false;
            this.facts.kernelRelease = undefined;
            this.options.onKernelRelease?.(undefined);
        }
    }
    /**
     * `fromKernel`: false for what user space wrote, which only a journal's boot separator is
     * read from. `untimed`: the line carries no time (the kernel's only while no line of the log does).
     */
    kernelLine(text, shown, lineNo, fromKernel, untimed, fromUser) {
        // The guest init writes its lines whole, from their start (a script's `+ echo modleak-init: ...` or a grep's copy does not).
        if (!this.options.records && shown.startsWith(RUNNER_PREFIX) && this.facts.runnerLines.length < MAX_RUNNER_LINES)
            this.facts.runnerLines.push(shown);
        // journald's own line (a program's: it says so); a log with kmsg sequence numbers measures its losses by their gaps.
        if (!fromKernel && !this.facts.sequenced && text.includes('kernel message')) {
            const missed = JOURNALD_MISSED.exec(text);
            if (missed)
                this.facts.droppedMessages += statedCount(missed[1]);
        }
        if (!fromKernel) {
            // The kernel prints its console's losses without a time (6.1's call_console_driver,
            // console_prepend_dropped since 6.2): in a timed log, the one untimed line that is its.
            if (!fromUser && untimed && text.startsWith('** ')) {
                const dropped = DROPPED_LINE.exec(text);
                if (dropped)
                    this.facts.droppedMessages += statedCount(dropped[1]);
            }
            this.crashes.otherLine(text);
            if (this.facts.records > 0 && text.startsWith('-- ') && JOURNAL_BOOT.test(text))
                this.noteRestart(lineNo, 'journal');
            const title = this.facts.userCrashTitles.length < MAX_USER_CRASH_TITLES ? crashTitle(text) : undefined;
            if (title !== undefined)
                this.facts.userCrashTitles.push(title);
            return;
        }
        this.crashes.line(text, stripAnsi(shown), lineNo, untimed);
        if (text.includes('messages dropped')) {
            const dropped = DROPPED.exec(text);
            if (dropped)
                this.facts.droppedMessages += statedCount(dropped[1]);
        }
        if (text.includes('Linux version ')) {
            const v = LINUX_VERSION.exec(text);
            const banner = v !== null && isBootBanner(text, shown);
            // Without sequence numbers (a console, journalctl) the banner after records starts another boot.
            if (banner && this.facts.records > 0 && !this.facts.sequenced)
                this.noteRestart(lineNo, 'banner');
            // Only the banner names the kernel: a test script echoing /proc/version later, or a driver naming a version, does not.
            // Its words behind a prefix not stripped do until the banner itself comes (a bootloader line may say them first).
            if (v && (banner ? !this.releaseFromBanner : this.facts.kernelRelease === undefined && isBannerText(text, shown))) {
                this.releaseFromBanner = banner;
                this.releaseUntimed = untimed;
                this.facts.kernelRelease = v[1];
                this.options.onKernelRelease?.(v[1]);
            }
        }
        else if (this.facts.records > 0 && text.startsWith('-- ') && JOURNAL_BOOT.test(text)) {
            this.noteRestart(lineNo, 'journal');
        }
    }
    /** The earliest restart is the one the report names (what the times show is only known at the end, see end()). */
    noteRestart(lineNo, by) {
        if (this.facts.restartLine !== undefined && this.facts.restartLine <= lineNo)
            return;
        this.facts.restartLine = lineNo;
        this.facts.restartBy = by;
    }
}


/***/ }),

/***/ 416:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QS: () => (/* binding */ ALLOC),
/* harmony export */   X9: () => (/* binding */ REALLOC),
/* harmony export */   Z4: () => (/* binding */ ByteRecordParser),
/* harmony export */   iF: () => (/* binding */ NO_RECORD),
/* harmony export */   jC: () => (/* binding */ FREE)
/* harmony export */ });
// The hot path of a long log: a well-formed raw /dev/kmsg record line
// `prio,seq,usec,flags;modleak1 <module> A|F|R ...` read straight from the bytes the
// file was read into: no line string, no field strings, addresses turned into keys
// from their digits, module/api/site recognised by comparing bytes with ones seen
// before. Anything unusual (markers, other lines, a field this path does not accept)
// returns undefined and the line takes the careful text path, which has the final word
// on what is valid and words every diagnostic.
/** What read() found: NO_RECORD sends the line the careful way. */
const NO_RECORD = 0;
const ALLOC = 1;
const FREE = 2;
const REALLOC = 3;
const RECENT = 4;
const KNOWN_MAX = 100_000;
const NAMES = 64;
/** Buckets of known heads (2^HEAD_BUCKET_BITS), and heads kept per bucket. */
const HEAD_BUCKET_BITS = 6;
const BUCKET_HEADS = 8;
/**
 * A head's recent sites are tried first while they mostly hold the site: each miss counts
 * 1, each hit takes SITE_HIT off; at SITE_MISSES, the head's next lookups (FIRST_HASH_ONLY,
 * twice as many each time after, up to MAX_HASH_ONLY) go straight to the hash. Break-even
 * is about 1 hit in 5 (a hit saves the hash's pass over the tail; a miss costs a length check).
 */
const SITE_MISSES = 16;
const SITE_HIT = 4;
const FIRST_HASH_ONLY = 32;
const MAX_HASH_ONLY = 4096;
/** "modleak1 " and the 16 bytes headBucket() reads. */
const HEAD_HASHED = 25;
function knownWords(bytes, value) {
    const n = bytes.length;
    const view = new DataView(bytes.buffer, bytes.byteOffset, n);
    const words = new Float64Array(n < 8 ? 0 : (n + 7) >> 3);
    for (let k = 0; k < words.length; k++)
        words[k] = view.getFloat64(Math.min(8 * k, n - 8), true);
    return { bytes, words, value, id: -1 };
}
/** All byte strings seen before (up to a cap), by a hash of their bytes. */
class KnownSet {
    all = new Map();
    /** The entry whose bytes have hash h (the caller compares the bytes), or undefined. */
    withHash(h) {
        return this.all.get(h);
    }
    add(h, entry) {
        if (!this.all.has(h) && this.all.size < KNOWN_MAX)
            this.all.set(h, entry);
    }
}
/** Puts `entry` first in a most-recent-first list of at most RECENT entries. */
function makeNewest(recent, entry) {
    const at = recent.indexOf(entry);
    for (let k = at < 0 ? Math.min(recent.length, RECENT - 1) : at; k > 0; k--)
        recent[k] = recent[k - 1];
    recent[0] = entry;
}
function mix(h, word) {
    return (Math.imul(h, 0x9e3779b1) + word) | 0;
}
/** Keeps a hash a small integer (a Map key V8 stores without allocating). */
const HASH_MASK = 0x3fffffff;
class ByteRecordParser {
    text;
    ptrs;
    /** Record heads seen; and, for lookup without reading the head to its end, by a hash of its first bytes (see headBucket). */
    heads = new KnownSet();
    headBuckets = Array.from({ length: 1 << HEAD_BUCKET_BITS }, () => []);
    /** Record tails (`<file>:<line> <function>`) seen. */
    sites = new KnownSet();
    /** Module and API names seen, newest first: one string each, however often they occur. */
    names = [];
    /** A view of the chunk being read, for reading 4 bytes at a time. */
    view = new DataView(new ArrayBuffer(0));
    viewOf;
    /** After a successful read: where the next line starts. */
    next = 0;
    /** scanTail()'s hash. */
    tailHash = 0;
    // The fields of the record read() just found, valid until the next read() (no object
    // per record: the log parser hands the common ones straight to the matcher).
    seq = 0;
    module = '';
    api = '';
    /** The address (R: the old one). */
    ptr = 0;
    /** R: the new address. */
    newPtr = 0;
    size = 0;
    site = { file: '', line: 0, function: '' };
    /** The known head and site the record repeats (what the decode thread numbers). */
    headEntry;
    siteEntry;
    constructor(text, ptrs) {
        this.text = text;
        this.ptrs = ptrs;
    }
    /** The record in line bytes[start, end), or undefined for the careful path. */
    parse(b, start, end, logLine) {
        return this.parseLine(b, start, end, logLine, true);
    }
    /** read() as an event. */
    parseLine(b, start, end, logLine, exact) {
        const kind = this.read(b, start, end, exact);
        return kind === NO_RECORD ? undefined : this.event(kind, logLine);
    }
    /** The event of the record the last read() found. */
    event(kind, logLine) {
        const { module, seq, api, ptr, size, site } = this;
        if (kind === ALLOC)
            return { type: 'alloc', module, logLine, seq, api, ptr, size, site };
        if (kind === FREE)
            return { type: 'free', module, logLine, seq, api, ptr, site };
        return { type: 'realloc', module, logLine, seq, api, oldPtr: ptr, newPtr: this.newPtr, size, site };
    }
    /**
     * Reads the record line starting at bytes[start] into this parser's fields; returns
     * its kind, or NO_RECORD for the careful path.
     * `exact`: the line is bytes[start, end). Otherwise the line ends at the first newline
     * (LF or CRLF) before `end` (the end of the chunk), found while the record is read,
     * and `next` says where the following line starts: no separate search for line ends.
     */
    read(b, start, end, exact) {
        // prio,seq,usec,flags; (one loop per number: this runs for every line of a long log)
        let i = start;
        while (i < end && isDigit(b[i]))
            i++;
        if (i === start || i >= end || b[i] !== 44)
            return NO_RECORD;
        const seqStart = ++i;
        let seq = 0;
        for (; i < end; i++) {
            const d = b[i] - 48;
            if (d < 0 || d > 9)
                break;
            seq = seq * 10 + d;
        }
        if (i === seqStart || i >= end || b[i] !== 44)
            return NO_RECORD;
        const usecStart = ++i;
        while (i < end && isDigit(b[i]))
            i++;
        if (i === usecStart || i >= end || b[i] !== 44)
            return NO_RECORD;
        i++;
        let semi = i;
        while (semi < end && semi - i <= 16 && b[semi] !== 59)
            semi++;
        if (semi >= end || b[semi] !== 59)
            return NO_RECORD;
        i = semi + 1;
        // "modleak1 <module> <kind> <api> ": almost every record repeats a known one's.
        const head = this.knownHead(b, i, end) ?? this.newHead(b, i, end);
        if (head === undefined)
            return NO_RECORD;
        this.headEntry = head;
        const headFields = head.value;
        const { kind, module, api } = headFields;
        i += head.bytes.length;
        let sp = i + 16 < end && b[i + 16] === 32 ? i + 16 : spaceAt(b, i, end);
        if (sp < 0)
            return NO_RECORD;
        const usual = sp === i + 16 ? this.ptrs.keyOfUsual(this.viewFor(b), i) : -1;
        const ptr = usual >= 0 ? usual : this.ptrs.keyOfBytes(b, i, sp);
        if (ptr === undefined)
            return NO_RECORD;
        if (kind === 70 /* F */) {
            const site = this.siteAt(b, sp + 1, end, exact, headFields);
            if (site === undefined)
                return NO_RECORD;
            this.fields(seq, module, api, ptr, site);
            return FREE;
        }
        let newPtr = 0;
        if (kind === 82 /* R */) {
            i = sp + 1;
            sp = spaceAt(b, i, end);
            if (sp < 0)
                return NO_RECORD;
            const key = this.ptrs.keyOfBytes(b, i, sp);
            if (key === undefined)
                return NO_RECORD;
            newPtr = key;
        }
        i = sp + 1;
        let size = 0;
        let k = i;
        for (; k < end; k++) {
            const c = b[k] - 48;
            if (c < 0 || c > 9)
                break;
            size = size * 10 + c;
        }
        if (k === i || k - i > 15 || k >= end || b[k] !== 32)
            return NO_RECORD;
        sp = k;
        const site = this.siteAt(b, sp + 1, end, exact, headFields);
        if (site === undefined)
            return NO_RECORD;
        this.fields(seq, module, api, ptr, site);
        this.size = size;
        if (kind === 65)
            return ALLOC;
        this.newPtr = newPtr;
        return REALLOC;
    }
    /** A known head that the bytes at `from` repeat, or undefined. */
    knownHead(b, from, end) {
        if (from + HEAD_HASHED > end)
            return undefined;
        const heads = this.headBuckets[headBucket(this.viewFor(b), from)];
        for (let k = 0; k < heads.length; k++) {
            const head = heads[k];
            if (from + head.bytes.length < end && this.sameKnown(b, from, head))
                return head;
        }
        return undefined;
    }
    /** Makes `head` one that knownHead() finds (the newest of its bucket). */
    keepHead(b, from, end, head) {
        if (from + HEAD_HASHED > end)
            return;
        const heads = this.headBuckets[headBucket(this.viewFor(b), from)];
        if (heads.includes(head))
            return;
        if (heads.length >= BUCKET_HEADS)
            heads.pop();
        heads.unshift(head);
    }
    /** The head at `from` found by hash, or read field by field; undefined for the careful path. */
    newHead(b, from, end) {
        // "modleak1 "
        if (end - from < 9 || b[from] !== 109 || b[from + 1] !== 111 || b[from + 2] !== 100 || b[from + 3] !== 108 || b[from + 4] !== 101
            || b[from + 5] !== 97 || b[from + 6] !== 107 || b[from + 7] !== 49 || b[from + 8] !== 32)
            return undefined;
        // One pass to the space after the api: the head's hash, and where the module ends.
        let h = 0;
        let spaces = 0;
        let moduleEnd = -1;
        let k = from + 9;
        for (; k < end; k++) {
            const c = b[k];
            if (c < 32 || c === 127)
                return undefined;
            h = (Math.imul(h, 31) + c) | 0;
            if (c === 32) {
                if (++spaces === 3)
                    break;
                if (spaces === 1)
                    moduleEnd = k;
            }
        }
        if (k >= end)
            return undefined;
        const to = k + 1;
        h &= HASH_MASK;
        const seen = this.seenBefore(this.heads, b, from, to, h);
        if (seen !== undefined) {
            this.keepHead(b, from, end, seen);
            return seen;
        }
        const kind = b[moduleEnd + 1];
        if ((kind !== 65 && kind !== 70 && kind !== 82) || b[moduleEnd + 2] !== 32)
            return undefined;
        const module = this.nameAt(b, from + 9, moduleEnd, isModuleName);
        const api = this.nameAt(b, moduleEnd + 3, k, isIdentifier);
        if (module === undefined || api === undefined)
            return undefined;
        const head = knownWords(copyBytes(b, from, to), { kind, module, api, sites: [], siteMisses: 0, hashOnly: 0, hashTurn: FIRST_HASH_ONLY, named: false });
        this.heads.add(h, head);
        this.keepHead(b, from, end, head);
        return head;
    }
    /** The entry of `set` holding exactly b[from, to) (whose hash is h), or undefined. */
    seenBefore(set, b, from, to, h) {
        const entry = set.withHash(h);
        return entry === undefined || entry.bytes.length !== to - from || !this.sameKnown(b, from, entry) ? undefined : entry;
    }
    /** A DataView of b, made once per chunk. */
    viewFor(b) {
        if (b !== this.viewOf) {
            this.viewOf = b;
            this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
        }
        return this.view;
    }
    fields(seq, module, api, ptr, site) {
        this.seq = seq;
        this.module = module;
        this.api = api;
        this.ptr = ptr;
        this.siteEntry = site;
        this.site = site.value;
    }
    /**
     * Sets this parser's fields to a record the decode thread read (see decoded-chunk.ts),
     * as read() would have (all but `next`), and returns its kind.
     */
    take(kind, seq, head, site, ptr, size) {
        this.headEntry = head;
        this.fields(seq, head.value.module, head.value.api, ptr, site);
        this.size = size;
        return kind;
    }
    /** The known head of these bytes (a record's `modleak1 <module> <kind> <api> `), made known if new; undefined when they are not one. */
    learnHead(bytes) {
        return this.newHead(bytes, 0, bytes.length);
    }
    /** The known site of these bytes (a record's `<file>:<line> <function>`), made known if new; undefined when they are not one. */
    learnSite(bytes) {
        return this.scanTail(bytes, 0, bytes.length) === bytes.length ? this.tailEntry(bytes, 0, bytes.length) : undefined;
    }
    /** The name in bytes[from, to) (one string per name), or undefined when `valid` rejects it. */
    nameAt(b, from, to, valid) {
        if (!valid(b, from, to))
            return undefined;
        const names = this.names;
        for (let k = 0; k < names.length; k++)
            if (sameBytes(b, from, to, names[k].bytes))
                return names[k].value;
        const bytes = copyBytes(b, from, to);
        if (names.length >= NAMES)
            names.pop();
        const name = internalized(latin1(bytes));
        names.unshift({ bytes, value: name });
        return name;
    }
    /**
     * The site of the tail from bytes[from] to the line end (see parseLine): one of the
     * head's recent sites (one that ends where the line does, compared from the end, where
     * tails differ), or found by hash. A head whose recent sites mostly miss (its records
     * go round many sites) goes straight to the hash for a while (see SITE_MISSES).
     */
    siteAt(b, from, end, exact, head) {
        if (exact)
            this.next = end;
        const recent = head.sites;
        if (head.hashOnly === 0) {
            for (let k = 0; k < recent.length; k++) {
                const known = recent[k];
                const to = from + known.bytes.length;
                if ((exact ? to === end : this.lineEndsAt(b, to, end)) && this.sameKnown(b, from, known)) {
                    if (head.siteMisses !== 0)
                        head.siteMisses = Math.max(0, head.siteMisses - SITE_HIT);
                    return known;
                }
            }
            if (++head.siteMisses === SITE_MISSES) {
                head.siteMisses = 0;
                head.hashOnly = head.hashTurn;
                head.hashTurn = Math.min(2 * head.hashTurn, MAX_HASH_ONLY);
            }
        }
        else {
            head.hashOnly--;
        }
        const to = this.scanTail(b, from, end);
        if (exact ? to !== end : !this.lineEndsAt(b, to, end)) {
            // A control character in the tail (an ANSI escape, say: the careful path strips
            // it), or no line end in this chunk.
            return undefined;
        }
        const entry = this.tailEntry(b, from, to);
        if (entry === undefined)
            return undefined;
        if (head.hashOnly === 0)
            makeNewest(recent, entry);
        return entry;
    }
    /** The known site of the tail b[from, to) that scanTail() just hashed, made known if new; undefined when it is not a site. */
    tailEntry(b, from, to) {
        const h = this.tailHash & HASH_MASK;
        const seen = this.seenBefore(this.sites, b, from, to, h);
        if (seen !== undefined)
            return seen;
        const site = this.text.siteOf(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8'));
        if (site === undefined)
            return undefined;
        const entry = knownWords(copyBytes(b, from, to), site);
        this.sites.add(h, entry);
        return entry;
    }
    /**
     * Where the tail from b[from] ends: at its first control character (the line end, if
     * all is well) or at `end`. Its hash goes to tailHash. Reads 4 bytes at a time; the
     * hash is that of the tail's 4-byte groups, the last one zero-padded, however the
     * reading was split.
     */
    scanTail(b, from, end) {
        const view = this.viewFor(b);
        let h = 0;
        let at = from;
        for (; at + 4 <= end; at += 4) {
            const w = view.getInt32(at, true);
            // Bytes below 32 (control characters, CR, LF) or 127 (DEL): exact for "is there one", and the lowest flag is the first.
            const del = w ^ 0x7f7f7f7f;
            const flags = ((w - 0x20202020) & ~w & 0x80808080) | ((del - 0x01010101) & ~del & 0x80808080);
            if (flags !== 0) {
                const n = (31 - Math.clz32(flags & -flags)) >>> 3;
                this.tailHash = n === 0 ? h : mix(h, w & ((1 << (8 * n)) - 1));
                return at + n;
            }
            h = mix(h, w);
        }
        let last = 0;
        let n = 0;
        for (; at + n < end && n < 4; n++) {
            const c = b[at + n];
            if (c < 32 || c === 127)
                break;
            last |= c << (8 * n);
        }
        this.tailHash = n === 0 ? h : mix(h, last);
        return at + n;
    }
    /** Whether a line ends (LF or CRLF) at b[at], before `end`; if so, `next` is where the next line starts. */
    lineEndsAt(b, at, end) {
        if (at < end && b[at] === 10) {
            this.next = at + 1;
            return true;
        }
        if (at + 1 < end && b[at] === 13 && b[at + 1] === 10) {
            this.next = at + 2;
            return true;
        }
        return false;
    }
    /**
     * b[from, from + length) === known.bytes: 8 bytes at a time (one 8-byte read costs
     * about what two single bytes do), the last ones first, where tails differ.
     */
    sameKnown(b, from, known) {
        const words = known.words;
        const last = words.length - 1;
        if (last < 0)
            return sameBytes(b, from, from + known.bytes.length, known.bytes);
        const view = this.viewFor(b);
        if (view.getFloat64(from + known.bytes.length - 8, true) !== words[last])
            return false;
        for (let k = last - 1; k >= 0; k--)
            if (view.getFloat64(from + 8 * k, true) !== words[k])
                return false;
        return true;
    }
}
/**
 * The bucket of the head at `from` (whose line holds at least HEAD_HASHED bytes from
 * there): a hash of the 16 bytes after "modleak1 " (a short module name, the kind and the
 * api's start; a long module name's heads share one), read at fixed places, so a head
 * need not be read to its end to be found. A head shorter than that lets the address's
 * first digits take part, which its records mostly repeat too.
 */
function headBucket(view, from) {
    const h = mix(mix(mix(view.getInt32(from + 9, true), view.getInt32(from + 13, true)), view.getInt32(from + 17, true)), view.getInt32(from + 21, true));
    return Math.imul(h, 0x9e3779b1) >>> (32 - HEAD_BUCKET_BITS);
}
/** The first space in bytes[from, end) before any newline, or -1. */
function spaceAt(b, from, end) {
    for (let k = from; k < end; k++) {
        const c = b[k];
        if (c === 32)
            return k;
        if (c === 10)
            return -1;
    }
    return -1;
}
function sameBytes(b, from, to, word) {
    const n = word.length;
    if (to - from !== n)
        return false;
    for (let k = 0; k < n; k++)
        if (b[from + k] !== word[k])
            return false;
    return true;
}
function isDigit(c) {
    return c >= 48 && c <= 57;
}
/** [A-Za-z0-9_.-]+, a kernel module name. */
function isModuleName(b, from, to) {
    if (to === from)
        return false;
    for (let k = from; k < to; k++)
        if (!isNameByte(b[k]))
            return false;
    return true;
}
/** [A-Za-z_$][A-Za-z0-9_$.]*, an API name. */
function isIdentifier(b, from, to) {
    if (to === from || !isIdentStart(b[from]))
        return false;
    for (let k = from + 1; k < to; k++)
        if (!isIdentByte(b[k]))
            return false;
    return true;
}
/** [A-Za-z0-9_.-] */
function isNameByte(c) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}
/** [A-Za-z_$] */
function isIdentStart(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}
/** [A-Za-z0-9_$.] */
function isIdentByte(c) {
    return isIdentStart(c) || (c >= 48 && c <= 57) || c === 46;
}
/** A copy (Buffer#slice would share memory with the read buffer, which is reused). */
function copyBytes(b, from, to) {
    return Uint8Array.prototype.slice.call(b, from, to);
}
/**
 * The one copy of `s` V8 keeps for property names: two such strings are compared by
 * identity, without a call (the matcher compares each record's names with the ones it
 * holds, and a log with several modules or APIs compares different ones).
 */
function internalized(s) {
    return Object.keys({ [s]: 0 })[0];
}
function latin1(bytes) {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}


/***/ }),

/***/ 626:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Eu: () => (/* binding */ SiteTable),
/* harmony export */   K2: () => (/* binding */ parseRecordStrict),
/* harmony export */   MP: () => (/* binding */ moduleKey),
/* harmony export */   Oz: () => (/* binding */ isRecordError),
/* harmony export */   Tq: () => (/* binding */ findRecord),
/* harmony export */   xp: () => (/* binding */ RecordParser)
/* harmony export */ });
/* unused harmony export GRAMMAR */
// Contract 1: `modleak1 <module> A <api> <ptr> <size> <file>:<line> <function>` and its
// F / R / BEGIN / END siblings. A record may sit anywhere in a line (serial consoles
// interleave); anything wrong with a field is reported, never guessed at.
const GRAMMAR = 'modleak1';
/** Where a `modleakN ` token starts in `text` at or after `from`, or -1. */
function findRecord(text, from = 0) {
    for (;;) {
        const at = text.indexOf('modleak', from);
        if (at < 0)
            return -1;
        let i = at + 7;
        const start = i;
        while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57)
            i++;
        if (i > start && text.charCodeAt(i) === 32)
            return at;
        from = at + 7;
    }
}
const HEX = /^[0-9a-fA-F]{1,16}$/;
const DECIMAL = /^\d{1,15}$/;
/** A size_t: up to 2^64 - 1 (a failed kcalloc of an overflowing count logs SIZE_MAX). */
const SIZE = /^\d{1,20}$/;
const SIZE_MAX = 18446744073709551615n;
const NAME = /^[A-Za-z0-9_.-]+$/;
/** A module name as the kernel compares it: `-` and `_` are the same (KBUILD_MODNAME has `_`; modprobe and lsmod take either). */
function moduleKey(name) {
    return name.replaceAll('-', '_');
}
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$.]*$/;
const SHAPES = {
    A: { fields: 8, shape: 'modleak1 <module> A <api> <ptr> <size> <file>:<line> <function>', what: 'an allocation (A)' },
    F: { fields: 7, shape: 'modleak1 <module> F <api> <ptr> <file>:<line> <function>', what: 'a free (F)' },
    R: { fields: 9, shape: 'modleak1 <module> R <api> <old-ptr> <new-ptr> <size> <file>:<line> <function>', what: 'a reallocation (R)' },
};
/** Interns sites so a million live objects from one call site share one Site object. */
class SiteTable {
    cap;
    sites = new Map();
    constructor(cap = 100_000) {
        this.cap = cap;
    }
    /** `tail` is `<file>:<line> <function>` as it stood in the record. */
    lookup(tail) {
        return this.sites.get(tail);
    }
    get(fileLine, fn, file, line) {
        const key = fileLine + ' ' + fn;
        let site = this.sites.get(key);
        if (!site) {
            // Copies, so an interned site does not keep the log chunk it was read from alive.
            site = { file: flat(file), line, function: flat(fn) };
            if (this.sites.size < this.cap)
                this.sites.set(flat(key), site);
        }
        return site;
    }
}
/**
 * The fast parser for well-formed records: walks the fields by character code (the
 * builtins' per-call overhead dominates on short fields), reuses the
 * module, api and site strings of earlier records, and hands anything unusual to
 * parseRecordStrict, which words the diagnostic. This runs once per record of a
 * multi-million-line log, hence the care.
 */
class RecordParser {
    module = '';
    apis = [];
    recentTails = [];
    recentSites = [];
    sites = new SiteTable();
    parse(text, at, logLine, seq) {
        return this.parseFast(text, at, text.length, logLine, seq) ?? parseRecordStrict(text, at, logLine, seq, this.sites);
    }
    /** The record in text[at, end), or undefined when anything about it needs the careful parser. */
    parseFast(text, at, end, logLine, seq) {
        if (!sameAt(text, at, at + 9, 'modleak1 '))
            return undefined;
        let i = at + 9;
        let sp = spaceAt(text, i, end);
        if (sp < 0)
            return undefined;
        const module = this.moduleAt(text, i, sp);
        if (module === undefined)
            return undefined;
        const kind = text.charCodeAt(sp + 1);
        if (text.charCodeAt(sp + 2) !== 32)
            return undefined;
        i = sp + 3;
        sp = spaceAt(text, i, end);
        if (sp < 0)
            return undefined;
        const api = this.apiAt(text, i, sp);
        if (api === undefined)
            return undefined;
        i = sp + 1;
        sp = spaceAt(text, i, end);
        if (sp < 0 || !isHex(text, i, sp))
            return undefined;
        const ptr = text.slice(i, sp);
        if (kind === 70 /* F */) {
            const site = this.siteAt(text, sp + 1, end);
            return site && { type: 'free', module, logLine, seq, api, ptr, site };
        }
        let newPtr = '';
        if (kind === 82 /* R */) {
            i = sp + 1;
            sp = spaceAt(text, i, end);
            if (sp < 0 || !isHex(text, i, sp))
                return undefined;
            newPtr = text.slice(i, sp);
        }
        else if (kind !== 65 /* A */) {
            return undefined;
        }
        i = sp + 1;
        sp = spaceAt(text, i, end);
        if (sp < 0 || sp === i || sp - i > 15)
            return undefined;
        let size = 0;
        for (let k = i; k < sp; k++) {
            const c = text.charCodeAt(k) - 48;
            if (c < 0 || c > 9)
                return undefined;
            size = size * 10 + c;
        }
        const site = this.siteAt(text, sp + 1, end);
        if (!site)
            return undefined;
        if (kind === 65)
            return { type: 'alloc', module, logLine, seq, api, ptr, size, site };
        return { type: 'realloc', module, logLine, seq, api, oldPtr: ptr, newPtr, size, site };
    }
    moduleAt(text, from, to) {
        const last = this.module;
        if (sameAt(text, from, to, last))
            return last;
        const name = flat(text.slice(from, to));
        if (!NAME.test(name))
            return undefined;
        this.module = name;
        return name;
    }
    apiAt(text, from, to) {
        const apis = this.apis;
        for (let k = 0; k < apis.length; k++) {
            const api = apis[k];
            if (sameAt(text, from, to, api))
                return api;
        }
        const api = flat(text.slice(from, to));
        if (!IDENT.test(api))
            return undefined;
        if (apis.length >= 16)
            apis.pop();
        apis.unshift(api);
        return api;
    }
    /** `<file>:<line> <function>` up to the end of the text, interned; recent ones compared in place. */
    siteAt(text, from, to) {
        const tails = this.recentTails;
        for (let k = 0; k < tails.length; k++) {
            const tail = tails[k];
            if (sameAt(text, from, to, tail))
                return this.recentSites[k];
        }
        const tail = text.slice(from, to);
        const site = this.siteOf(tail);
        if (site) {
            if (tails.length >= 8) {
                tails.pop();
                this.recentSites.pop();
            }
            // A flat copy, so the cache does not pin the whole chunk the record was read from.
            tails.unshift(flat(tail));
            this.recentSites.unshift(site);
        }
        return site;
    }
    /** The interned site of a record's `<file>:<line> <function>` tail, or undefined when it is not one. */
    siteOf(tail) {
        const known = this.sites.lookup(tail);
        if (known)
            return known;
        // Control characters (an ANSI escape, say) send the record down the careful path, which strips them.
        if (/[\x00-\x1f\x7f]/.test(tail))
            return undefined;
        const sp = tail.indexOf(' ');
        if (sp < 0 || tail.indexOf(' ', sp + 1) >= 0)
            return undefined;
        const fn = tail.slice(sp + 1);
        const colon = tail.lastIndexOf(':', sp);
        const lineText = colon > 0 ? tail.slice(colon + 1, sp) : '';
        if (colon <= 0 || !DECIMAL.test(lineText) || !IDENT.test(fn))
            return undefined;
        return this.sites.get(tail.slice(0, sp), fn, tail.slice(0, colon), Number(lineText));
    }
}
/** text[from, to) === word, compared in place. */
function sameAt(text, from, to, word) {
    if (to - from !== word.length)
        return false;
    for (let k = 0; k < word.length; k++)
        if (text.charCodeAt(from + k) !== word.charCodeAt(k))
            return false;
    return true;
}
/** The first space in text[from, end), or -1. */
function spaceAt(text, from, end) {
    for (let k = from; k < end; k++)
        if (text.charCodeAt(k) === 32)
            return k;
    return -1;
}
/** A copy of `s` that shares no memory with the (possibly huge) string it was cut from. */
function flat(s) {
    return (' ' + s).slice(1);
}
/** 1 to 16 hex digits, lowercase only (%px prints lowercase; anything else takes the careful path). */
function isHex(text, from, to) {
    if (to - from < 1 || to - from > 16)
        return false;
    for (let k = from; k < to; k++) {
        const c = text.charCodeAt(k);
        if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102)))
            return false;
    }
    return true;
}
/** The careful parser: every field checked, every problem worded. */
function parseRecordStrict(text, at, logLine, seq, sites) {
    const tokens = text.slice(at).trimEnd().split(' ');
    const grammar = tokens[0];
    if (grammar !== GRAMMAR) {
        return { error: 'version', field: grammar, message: `record grammar ${grammar} is not understood by this modleak (expects ${GRAMMAR}); upgrade modleak` };
    }
    const module = tokens[1] ?? '';
    if (!NAME.test(module))
        return malformed('module', `module name '${module}' is not a kernel module name ([A-Za-z0-9_-])`);
    const bad = (field, message) => ({ ...malformed(field, message), module });
    const kind = tokens[2] ?? '';
    if (kind === 'BEGIN' || kind === 'END') {
        if (tokens.length !== 3)
            return bad('marker', `${kind} marker has extra text after it: expected 'modleak1 ${module} ${kind}'`);
        return { type: kind === 'BEGIN' ? 'begin' : 'end', module, logLine, seq };
    }
    const shape = SHAPES[kind];
    if (!shape)
        return bad('kind', `record kind '${kind}' is not A, F, R, BEGIN or END`);
    if (tokens.length !== shape.fields) {
        return bad('fields', `${kind} record has ${tokens.length} field(s), expected ${shape.fields} for ${shape.what}: ${shape.shape}`);
    }
    const api = tokens[3];
    if (!IDENT.test(api))
        return bad('api', `api '${api}' is not a C function name`);
    const siteField = tokens[shape.fields - 2];
    const fn = tokens[shape.fields - 1];
    const colon = siteField.lastIndexOf(':');
    const file = colon > 0 ? siteField.slice(0, colon) : '';
    const lineText = colon > 0 ? siteField.slice(colon + 1) : '';
    if (file === '' || !DECIMAL.test(lineText))
        return bad('file:line', `site '${siteField}' is not <file>:<line> with a decimal line number`);
    if (!IDENT.test(fn))
        return bad('function', `function '${fn}' is not a C function name`);
    const site = sites.get(siteField, fn, file, Number(lineText));
    if (kind === 'F') {
        const ptr = tokens[4];
        if (!HEX.test(ptr))
            return bad('ptr', `ptr '${ptr}' is not a hexadecimal address (%px, up to 16 digits)`);
        return { type: 'free', module, logLine, seq, api, ptr: ptr.toLowerCase(), site };
    }
    if (kind === 'A') {
        const ptr = tokens[4];
        const size = tokens[5];
        if (!HEX.test(ptr))
            return bad('ptr', `ptr '${ptr}' is not a hexadecimal address (%px, up to 16 digits)`);
        if (!isSize(size))
            return bad('size', sizeProblem(size));
        return { type: 'alloc', module, logLine, seq, api, ptr: ptr.toLowerCase(), size: Number(size), site };
    }
    const oldPtr = tokens[4];
    const newPtr = tokens[5];
    const size = tokens[6];
    if (!HEX.test(oldPtr))
        return bad('old-ptr', `old-ptr '${oldPtr}' is not a hexadecimal address (%px, up to 16 digits)`);
    if (!HEX.test(newPtr))
        return bad('new-ptr', `new-ptr '${newPtr}' is not a hexadecimal address (%px, up to 16 digits)`);
    if (!isSize(size))
        return bad('size', sizeProblem(size));
    return { type: 'realloc', module, logLine, seq, api, oldPtr: oldPtr.toLowerCase(), newPtr: newPtr.toLowerCase(), size: Number(size), site };
}
/** Beyond 2^53 the number is not exact: only a failed allocation's saturated size gets there. */
function isSize(size) {
    return SIZE.test(size) && (size.length < 20 || BigInt(size) <= SIZE_MAX);
}
function sizeProblem(size) {
    return /^\d+$/.test(size) ? `size '${size}' is larger than a 64-bit size_t can hold` : `size '${size}' is not a decimal number`;
}
function malformed(field, message) {
    return { error: 'malformed', field, message };
}
function isRecordError(r) {
    return 'error' in r;
}


/***/ }),

/***/ 437:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BU: () => (/* binding */ partOf),
/* harmony export */   b8: () => (/* binding */ UntitledReports),
/* harmony export */   zL: () => (/* binding */ END_LINE)
/* harmony export */ });
/* unused harmony export UNTITLED */
// A crash report whose title line is not in the log: the log starts inside it (a pstore
// part, a log buffer that wrapped during the oops), or its title came garbled (a
// terminal wrap, a lost byte). Its end marker is then the first sign of it: the report
// is the lines before the marker back to its own `CPU: N PID: N` line, or, where the
// log (a boot, a pstore part) starts inside it, back to its first line of a report body.
/** What the title of such a report begins with. */
const UNTITLED = "(the report's title is not in the log) ";
/** The end marker as the kernel prints it, on a line of its own. */
const END_LINE = /^\s*---\[ end (?:trace|Kernel panic)/;
/** A report's own line after its title. */
const CPU_LINE = /^\s*CPU: \d+ (?:UID: \d+ )?PID: \d+/;
/** A line only a report's body has: its CPU line, Call Trace (arm64: "Call trace:"), RIP or pc line, or a frame. */
const BODY = /^\s*(?:Call [Tt]race:|CPU: \d+ (?:UID: \d+ )?PID: \d+|RIP: |pc : )|^\s+(?:\? )?[\w.$]+\+0x[0-9a-f]+\/0x[0-9a-f]+/;
/** Where the kernel was: x86's kernel-mode RIP (not user space's `RIP: 0033:`), arm64's pc. */
const KERNEL_PLACE = /^\s*(?:RIP: (?!00[23]3:)|pc : )/;
/** KERNEL_PLACE's line, anywhere in a line as it stood (its time before it). */
const PLACE_IN_LINE = /(?:RIP: (?!00[23]3:)|pc : )\S+/;
/** A frame the unwinder is sure of (no `? `). */
const SURE_FRAME = /^\s+[\w.$]+\+0x[0-9a-f]+\/0x[0-9a-f]+/;
/** x86's report header before Linux 6.10 ("divide error: 0000 [#1] PREEMPT SMP"; later "Oops: divide error: ..."), which is no title modleak knows. */
const DIE_HEADER = /^[a-z][\w ]*: [0-9a-f]{4} \[#\d+\]/;
/** The header of a part of a pstore dump (/sys/fs/pstore/dmesg-*). */
const PSTORE_PART = /^(?:Oops|Panic|Emergency|Restart|Halt|Poweroff|Shutdown|Unknown)#\d+ Part\d+\s*$/;
/** The kernel lines since the last report, a boot or a pstore part started (at most `size`). */
class UntitledReports {
    size;
    texts = [];
    raws = [];
    numbers = [];
    /** Lines seen. */
    seen = 0;
    /** The first line (counted as `seen`) a report may start at. */
    from = 0;
    /** `from` is where the log, a boot or a pstore part starts, not where a report ended. */
    fresh = true;
    /** Reports ended before their end marker (cut by a limit or by the next report), and the line the last did. */
    unended = 0;
    unendedAt = 0;
    /** The state before the first change a report that may be user space's made (see dropProvisional). */
    beforeProvisional;
    constructor(size) {
        this.size = size;
    }
    /** A kernel line, in a report or not. */
    line(text, raw, lineNo) {
        const at = this.seen % this.size;
        this.texts[at] = text;
        this.raws[at] = raw;
        this.numbers[at] = lineNo;
        this.seen++;
        // A boot or a pstore part starts: no report started before it goes on after it.
        if (text.startsWith('Linux version ') || (text.includes('#') && PSTORE_PART.test(text))) {
            this.from = this.seen;
            this.fresh = true;
        }
    }
    /** A line that is not the kernel's: a pstore dump's part header (written untimed among timed lines) starts afresh. */
    otherLine(text) {
        if (PSTORE_PART.test(text)) {
            this.from = this.seen;
            this.fresh = true;
        }
    }
    /** A report ended with the last line: none starts inside it. `provisional`: it may be user space's (see dropProvisional). */
    reportEnded(provisional) {
        if (provisional)
            this.beforeProvisional ??= { from: this.from, fresh: this.fresh, unended: this.unended, unendedAt: this.unendedAt };
        this.from = this.seen;
        this.fresh = false;
    }
    /** A report was cut before its end marker (or not kept): the next end marker within `size` lines is its. */
    reportUnended(provisional) {
        this.reportEnded(provisional);
        this.unended++;
        this.unendedAt = this.seen;
    }
    /** An end marker a report of a kind that prints none took (a hung task's, cut short): it was a cut report's. */
    markerTaken() {
        if (this.unended > 0)
            this.unended--;
    }
    /** The reports that may have been user space's were: what they changed is undone. */
    dropProvisional() {
        const before = this.beforeProvisional;
        if (before === undefined)
            return;
        this.from = before.from;
        this.fresh = before.fresh;
        this.unended = before.unended;
        this.unendedAt = before.unendedAt;
        this.beforeProvisional = undefined;
    }
    /** The last line is an end marker outside any report (`endText`): the report it ends, when its body stands before it. */
    ended(endText) {
        if (this.unended > 0) {
            const cut = this.seen - this.unendedAt <= this.size;
            this.unended = cut ? this.unended - 1 : 0;
            if (cut)
                return undefined;
        }
        const last = this.seen - 1;
        const first = Math.max(this.from, this.seen - this.size);
        let start = this.last(CPU_LINE, first, last);
        if (start < 0 && this.fresh && first === this.from)
            start = this.first(BODY, first, last);
        if (start < 0)
            return undefined;
        const kind = /end Kernel panic/.test(endText) ? 'panic' : 'oops';
        const lines = (from) => Array.from({ length: last - from + 1 }, (_, k) => this.raws[(from + k) % this.size]);
        // A header before the CPU line is the report's title after all.
        const header = this.last(DIE_HEADER, first, start);
        if (header >= 0 && start - header <= 2) {
            return { kind, title: this.texts[header % this.size].trim(), lineNo: this.numbers[header % this.size], lines: lines(header) };
        }
        const place = this.first(KERNEL_PLACE, start, last);
        const frame = this.first(SURE_FRAME, start, last);
        const named = place >= 0 ? place : frame >= 0 ? frame : start;
        return { kind, title: UNTITLED + this.texts[named % this.size].trim(), lineNo: this.numbers[start % this.size], lines: lines(start) };
    }
    /** The first line in [from, to) that `re` matches (-1: none). */
    first(re, from, to) {
        for (let k = from; k < to; k++)
            if (re.test(this.texts[k % this.size]))
                return k;
        return -1;
    }
    last(re, from, to) {
        for (let k = to - 1; k >= from; k--)
            if (re.test(this.texts[k % this.size]))
                return k;
        return -1;
    }
}
/**
 * `untitled` is a report found by its end marker (its title not in its log, or x86's
 * header for one), and the line it is titled by stands in `whole`: the same report, whole.
 */
function partOf(untitled, whole) {
    // x86's header is the same for every boot's first oops: only where the kernel was tells them apart.
    const place = untitled.title.startsWith(UNTITLED) ? untitled.title.slice(UNTITLED.length)
        : DIE_HEADER.test(untitled.title) ? untitled.lines.map((line) => PLACE_IN_LINE.exec(line)?.[0]).find((p) => p !== undefined)
            : undefined;
    return place !== undefined && whole.lines.some((line) => line.includes(place));
}


/***/ }),

/***/ 431:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Nc: () => (/* binding */ guestHelperSourcePath),
/* harmony export */   Zl: () => (/* binding */ packageRoot),
/* harmony export */   jX: () => (/* binding */ ccProbeCacheSourcePath),
/* harmony export */   r2: () => (/* binding */ headerPath)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(24);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(136);
/* harmony import */ var node_url__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_url__WEBPACK_IMPORTED_MODULE_2__);



// Code runs from src/ (vitest, tsx) and from dist/*.js bundles; both live somewhere
// below the package root, so walk up instead of counting '..'.
let cached;
function isPackageRoot(dir) {
    if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'header', 'modleak.h')))
        return true;
    try {
        const pkg = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'package.json'), 'utf8'));
        return pkg.name === 'modleak';
    }
    catch {
        return false;
    }
}
function packageRoot() {
    if (cached)
        return cached;
    const start = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_url__WEBPACK_IMPORTED_MODULE_2__.fileURLToPath)(import.meta.url));
    for (let dir = start;; dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir)) {
        if (isPackageRoot(dir))
            return (cached = dir);
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(dir) === dir)
            break;
    }
    throw new Error(`cannot find the modleak package root (a directory holding header/modleak.h) above ${start}; reinstall modleak or run it from a checkout.`);
}
function headerPath() {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(packageRoot(), 'header', 'modleak.h');
}
function guestHelperSourcePath() {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(packageRoot(), 'src', 'run', 'guest', 'modleak-guest.c');
}
function ccProbeCacheSourcePath() {
    return (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(packageRoot(), 'src', 'run', 'host', 'cc-probe-cache.c');
}


/***/ }),

/***/ 584:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  FK: () => (/* binding */ buildReport),
  _O: () => (/* binding */ emptyReport)
});

// UNUSED EXPORTS: fingerprint, where

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(598);
// EXTERNAL MODULE: ./src/version.ts
var version = __nccwpck_require__(311);
// EXTERNAL MODULE: ./src/match/api-table.ts + 1 modules
var api_table = __nccwpck_require__(575);
// EXTERNAL MODULE: ./src/match/matcher.ts + 2 modules
var matcher = __nccwpck_require__(560);
// EXTERNAL MODULE: ./src/parse/log-parser.ts + 5 modules
var log_parser = __nccwpck_require__(173);
// EXTERNAL MODULE: ./src/parse/record.ts
var record = __nccwpck_require__(626);
// EXTERNAL MODULE: ./src/parse/untitled-report.ts
var untitled_report = __nccwpck_require__(437);
// EXTERNAL MODULE: ./src/report/schema.ts
var schema = __nccwpck_require__(327);
// EXTERNAL MODULE: ./src/report/suppressions.ts
var suppressions = __nccwpck_require__(104);
;// CONCATENATED MODULE: ./src/report/headerless.ts
// What a run says about modules built without the header in every file (`modleak run`
// reads it from the .ko files, run/header-mark.ts): such a module logs nothing.
function which(modules) {
    return modules.length === 1 ? `module ${modules[0]} was` : `modules ${modules.join(', ')} were`;
}
/** Why a module built with the header disabled in every file was not checked, and what to change. */
function withoutHeaderMessage(modules) {
    return `${which(modules)} built with MODLEAK_DISABLE (or without the modleak header) in every file: no allocation or free was logged, so nothing was checked. Remove -DMODLEAK_DISABLE from the module's Kbuild/Makefile ccflags (ccflags-y, EXTRA_CFLAGS); keep it only per file (CFLAGS_osal.o += -DMODLEAK_DISABLE) for an OSAL implementation.`;
}
/** The same for a module the run takes for an OSAL implementation. */
function osalWithoutHeaderMessage(modules, pairs) {
    const declared = pairs.map((p) => `${p.alloc}:${p.free}`).join(', ');
    const own = modules.length === 1 ? 'its' : 'their';
    return `${which(modules)} built with MODLEAK_DISABLE (or without the modleak header) in every file, so ${own} own allocations and frees are not logged; taken for an OSAL implementation, since a module of the run built with the header uses its symbols and allocator pairs are declared (${declared}): calls into it are checked where they are made. If it is not one, remove -DMODLEAK_DISABLE from its ccflags.`;
}

;// CONCATENATED MODULE: ./src/report/no-records.ts
// The warning for a log without a single allocation or free record: what it suggests
// depends on whether modleak built the module with its header itself.
/** `modules`: the modules the log names (markers or records); `headerInjected`: `modleak run` built them with the header. */
function noRecordsMessage(modules, headerInjected) {
    if (!headerInjected) {
        return 'the log holds no modleak1 allocation or free records: was the module built with the modleak header (KCFLAGS="-include header/modleak.h")?';
    }
    if (modules.length === 0) {
        return 'the log holds no modleak1 record at all, not even the BEGIN/END markers the guest writes around loading and unloading the module';
    }
    return `module ${modules.join(', ')} logged BEGIN/END but no allocation or free: nothing to match (modleak run built it with the header, so the module made no call the header wraps)`;
}

;// CONCATENATED MODULE: ./src/report/build.ts











function emptyReport(status, statusReason) {
    return {
        schema: schema/* REPORT_SCHEMA */.D,
        tool: { name: 'modleak', version: version/* TOOL_VERSION */.w },
        status,
        statusReason,
        kernel: {},
        modules: [],
        summary: {
            allocations: 0, frees: 0, failedAllocations: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEndObjects: 0, liveAtEndBytes: 0,
            badFrees: 0, suppressedLeakedObjects: 0, suppressedBadFrees: 0, peakLiveBytes: 0, lostRecords: 0,
        },
        leaks: [],
        badFrees: [],
        crashes: [],
        suppressions: [],
        diagnostics: [],
    };
}
function fingerprint(...parts) {
    return (0,external_node_crypto_.createHash)('sha1').update(parts.join('\0')).digest('hex').slice(0, 16);
}
function where(site) {
    return `${site.file}:${site.line} in ${site.function}()`;
}
function buildReport(input) {
    const { match, records, diagnostics } = input;
    const crashes = mergeCrashes(records.crashes, input.console?.crashes ?? [], records.userCrashTitles);
    const consoleDrops = input.console?.droppedMessages ?? 0;
    if (consoleDrops > 0 && records.sequenced) {
        diagnostics.add('console-drops', {
            severity: 'warning', file: 'console',
            message: `the console log says ${consoleDrops} printk message(s) were dropped on the console; the record log carries kmsg sequence numbers, so its own losses are counted from their gaps instead`,
        });
    }
    const lostRecords = Math.min(records.lostRecords + records.droppedMessages + (records.sequenced ? 0 : consoleDrops), Number.MAX_SAFE_INTEGER);
    const decided = decideStatus(input, crashes, lostRecords);
    const { status } = decided;
    // A crash decides the status; a log that also lost records on the way (unreadable ones, a
    // hole, a second capture) may have lost a free too, so what it left allocated is not a sure leak.
    const unsure = status === 'crashed' && (records.malformedRecords > 0 || records.unknownGrammarRecords > 0
        || records.nulHoleLine !== undefined || records.restartLine !== undefined);
    const statusReason = unsure
        ? `${decided.statusReason}; besides, ${decideStatus(input, [], lostRecords).statusReason} (so objects still allocated are listed as live at end, not as leaks)`
        : decided.statusReason;
    const unchecked = input.headerless?.unchecked ?? [];
    // Said even when the run failed some other way (or a later step gives it another status).
    if (unchecked.length > 0)
        diagnostics.add('headerless', { severity: 'error', message: withoutHeaderMessage(unchecked) });
    const osal = input.headerless?.osal ?? [];
    if (osal.length > 0)
        diagnostics.add('headerless-osal', { severity: 'warning', message: osalWithoutHeaderMessage(osal, input.pairs ?? []) });
    const uses = new Map();
    /** Rules that matched what an unfinished run left allocated, which they do not hide. */
    const liveOnly = new Set();
    /** Rules that matched only findings an earlier rule had hidden, with that rule. */
    const shadowedBy = new Map();
    /** The first of `matching` hides the finding: its use, or undefined when none matched. */
    const use = (matching) => {
        const [rule, ...later] = matching;
        if (rule === undefined)
            return undefined;
        for (const r of later)
            if (!shadowedBy.has(r))
                shadowedBy.set(r, rule);
        let u = uses.get(rule);
        if (!u) {
            u = { rule: rule.text, file: rule.file, line: rule.line, leakGroups: 0, leakedObjects: 0, leakedBytes: 0, badFrees: 0 };
            uses.set(rule, u);
        }
        return u;
    };
    // ok: everything still allocated is a leak. incomplete: nothing can be called a leak
    // for sure. crashed: modules that reached END before the crash keep their leaks, unless
    // the log lost records some other way too.
    const relabel = (g) => status === 'ok' && g.kind === 'live-at-end' ? { ...g, kind: 'leak' } : (status === 'incomplete' || unsure) && g.kind === 'leak' ? { ...g, kind: 'live-at-end' } : g;
    const leaks = mergeGroups(match.leaks.map(relabel))
        .map((g) => leakGroup(g, input.suppressions, use, (matching) => { for (const r of matching)
        liveOnly.add(r); }));
    leaks.sort((a, b) => b.bytes - a.bytes || b.objects - a.objects || a.site.file.localeCompare(b.site.file) || a.site.line - b.site.line || a.site.function.localeCompare(b.site.function));
    const badFrees = match.badFrees.map((b) => badFree(b, input.suppressions, use, status === 'ok'));
    for (const rule of input.suppressions) {
        if (uses.has(rule))
            continue;
        const earlier = shadowedBy.get(rule);
        const what = earlier !== undefined
            ? `hid nothing: what it matches is already hidden by the earlier rule '${earlier.text}' (${earlier.file}:${earlier.line})`
            : liveOnly.has(rule)
                ? 'matched only objects this unfinished run left allocated (live at end), which leak: rules do not hide; it hides them as leaks once a run finishes'
                : 'matched nothing';
        diagnostics.add('unused-suppression', { severity: 'info', file: rule.file, line: rule.line, message: `${rule.file}:${rule.line}: suppression '${rule.text}' ${what}` });
    }
    for (const wanted of input.requestedModules ?? []) {
        if (!hasModule(match.modules, wanted)) {
            const others = records.otherModules.length > 0 ? `; it holds records of ${otherModulesText(records.otherModules)}` : '';
            diagnostics.add('module-missing', { severity: 'warning', file: input.recordLogName, message: `no records or markers of module ${wanted} were found in the log (asked for with --module, the Action's modules)${others}` });
        }
    }
    if (input.records.droppedCrashes > 0) {
        diagnostics.add('crashes-dropped', { severity: 'warning', file: input.recordLogName, message: `${input.records.droppedCrashes} further crash report(s) were not kept` });
    }
    if (match.droppedBadFrees > 0) {
        diagnostics.add('bad-frees-dropped', { severity: 'warning', file: input.recordLogName, message: `${match.droppedBadFrees} further bad free(s) were counted but not listed` });
    }
    const unread = records.malformedRecords + records.unknownGrammarRecords;
    // Records of other modules only: the module-missing warning above says what the log holds instead.
    if (unread === 0 && records.otherModuleRecords === 0 && match.allocations === 0 && match.frees === 0 && match.failedAllocations === 0 && match.badFrees.length === 0 && match.leaks.length === 0) {
        diagnostics.add('no-records', {
            severity: 'warning', file: input.recordLogName,
            message: noRecordsMessage(match.modules, input.headerInjected ?? false),
        });
    }
    const shown = leaks.filter((l) => !l.suppressed);
    const leaked = shown.filter((l) => l.kind === 'leak');
    const liveAtEnd = shown.filter((l) => l.kind === 'live-at-end');
    const hiddenLeaks = leaks.filter((l) => l.suppressed && l.kind === 'leak');
    const shownBad = badFrees.filter((b) => !b.suppressed);
    const report = emptyReport(status, statusReason);
    const release = records.kernelRelease ?? input.console?.kernelRelease;
    return {
        ...report,
        kernel: release === undefined ? {} : { release },
        modules: match.modules,
        summary: {
            allocations: match.allocations,
            frees: match.frees,
            failedAllocations: match.failedAllocations,
            leakedObjects: sum(leaked, (l) => l.objects),
            leakedBytes: sum(leaked, (l) => l.bytes),
            leakSites: leaked.length,
            liveAtEndObjects: sum(liveAtEnd, (l) => l.objects),
            liveAtEndBytes: sum(liveAtEnd, (l) => l.bytes),
            badFrees: shownBad.length + match.droppedBadFrees,
            suppressedLeakedObjects: sum(hiddenLeaks, (l) => l.objects),
            suppressedBadFrees: badFrees.length - shownBad.length,
            peakLiveBytes: match.peakLiveBytes,
            ...(match.peakAt ? { peakAt: match.peakAt } : {}),
            lostRecords,
        },
        leaks,
        badFrees,
        crashes,
        suppressions: input.suppressions.flatMap((rule) => uses.get(rule) ?? []),
        diagnostics: diagnostics.list(),
    };
}
/** "module a" or "modules a, b", as far as the parser kept their names. */
function otherModulesText(modules) {
    if (modules.length === 1)
        return `module ${modules[0]}`;
    return `modules ${modules.join(', ')}${modules.length >= log_parser/* MAX_OTHER_MODULES_NAMED */.mg ? ' and maybe more' : ''}`;
}
/** How a second boot in one log showed itself. */
const RESTART_WORDS = {
    sequence: (line) => `the kmsg sequence starts again at 0 at line ${line} (the kernel's "Linux version" record): the log holds a second boot, or a reader read the kernel's buffer again from its start`,
    banner: (line) => `the kernel's "Linux version" banner appears again at line ${line}, after records were read: the log holds a second boot (a reboot or power cycle)`,
    journal: (line) => `journalctl's boot separator ("-- Boot <id> --" or "-- Reboot --") at line ${line} starts another boot's messages, after records were read: the log holds two boots`,
    time: (line) => `the console times go back by more than a second at line ${line}, after records were read: the log holds two captures of the kernel's messages (one appended to the other) or two boots`,
    clock: (line) => `the clock times (dmesg -T or --time-format iso) go back by more than a second at line ${line}, after records were read: the log holds two captures of the kernel's messages (one appended to the other)`,
    repeat: (line) => `lines ${line} and on repeat the log's first timed lines word for word, after records were read: the log holds the same capture twice (one appended to the other)`,
};
function decideStatus(input, crashes, lostRecords) {
    const { match, records } = input;
    if (crashes.length > 0) {
        const first = crashes[0];
        const open = match.openModules.length > 0 || match.unmarkedModules.length > 0
            ? `; objects of module ${[...match.openModules, ...match.unmarkedModules].join(', ')}, which had not reached its END marker, are listed as live at end, not as a clean result` : '';
        const lost = lostRecords > 0
            ? `; ${lostRecords} kernel log record(s) were lost too, so objects still allocated at an END after the loss are listed as live at end, not as leaks` : '';
        return {
            status: 'crashed',
            statusReason: `the kernel reported ${crashes.length} crash report(s), the first at ${(0,schema/* crashPlace */.P)(first)}: "${first.title}"${open}${lost}`,
        };
    }
    if (records.truncatedTail) {
        return { status: 'incomplete', statusReason: `the record log ends in the middle of a record (line ${records.lines}): its tail was cut off, so frees after it may be missing; rerun and make sure the log is drained before the guest stops` };
    }
    if (records.lines === 0) {
        // Never a clean pass: an empty capture says nothing about the module.
        return { status: 'incomplete', statusReason: `the record log '${input.recordLogName}' is empty (0 bytes): nothing was captured, so nothing can be said about leaks; check that this is the log the run wrote` };
    }
    if (records.restartLine !== undefined) {
        const by = records.restartBy ?? 'sequence';
        const what = by === 'time' || by === 'clock' || by === 'repeat' ? 'each capture' : "each boot's log";
        return {
            status: 'incomplete',
            statusReason: `${RESTART_WORDS[by](records.restartLine)}, and records of the two cannot be told apart; analyse ${what} on its own (cut the log before line ${records.restartLine})`,
        };
    }
    if (records.nulHoleLine !== undefined) {
        return {
            status: 'incomplete',
            statusReason: `line ${records.nulHoleLine} of the record log holds a run of NUL bytes with more of the log after it: the file lost what was written there (a logger whose file system lost data in a crash or power cut), so records may be missing and leaks and bad frees may be wrong; capture the log again`,
        };
    }
    if (lostRecords > 0) {
        return {
            status: 'incomplete',
            statusReason: `${lostRecords} kernel log record(s) were lost (gaps in the kmsg sequence, "printk messages dropped", or journald's "Missed N kernel messages"), so leaks and bad frees may be wrong; ${input.capturedByRun ? "the module logged faster than modleak's reader drained the guest's log buffer: log fewer records per second (a test script that does less, or pauses)" : 'rerun with a larger log buffer (log_buf_len=) or a faster reader'}`,
        };
    }
    if (records.unknownGrammarRecords > 0) {
        return { status: 'incomplete', statusReason: `${records.unknownGrammarRecords} record(s) use a record grammar this modleak does not understand and were not analysed; upgrade modleak` };
    }
    if (records.malformedRecords > 0) {
        const first = records.firstMalformedLine === undefined ? '' : `, the first at line ${records.firstMalformedLine}`;
        return {
            status: 'incomplete',
            statusReason: `${records.malformedRecords} record(s) could not be read (malformed, cut by the line cap of an overlong line, or wrapped by a terminal${first}; see the diagnostics), so an allocation or free may be missing and leaks and bad frees may be wrong; fix what garbles the log (a console that interleaves lines or loses newlines: stream /dev/kmsg instead)`,
        };
    }
    if (match.modules.length === 0) {
        // Even with --no-require-end: a log that says nothing about the module is not a clean pass.
        const which = input.requestedModules?.length ? ` of module ${input.requestedModules.join(', ')}` : '';
        const advice = records.otherModules.length > 0
            ? `it holds ${records.otherModuleRecords} record(s) of ${otherModulesText(records.otherModules)}: check the name given to --module or the Action's modules (as in lsmod, with _ for -)`
            : 'check that the module was built with the modleak header (KCFLAGS="-include header/modleak.h") and that this is the log of its run';
        return {
            status: 'incomplete',
            statusReason: `the record log holds no modleak1 record${which}, so nothing can be said about leaks; ${advice}`,
        };
    }
    const missing = (input.requestedModules ?? []).filter((m) => !hasModule(match.modules, m));
    if (missing.length > 0) {
        return {
            status: 'incomplete',
            statusReason: `the record log holds no modleak1 record of module ${missing.join(', ')}, asked for with --module (the Action's modules), so nothing can be said about its leaks; check the module's name (as in lsmod, with _ for -)${records.otherModules.length > 0 ? ` (the log also holds ${otherModulesText(records.otherModules)})` : ''} and that this is the log of its run`,
        };
    }
    if (match.headlessModules.length > 0) {
        const { module, endLine } = match.headlessModules[0];
        const others = match.headlessModules.length > 1 ? ` (and ${match.headlessModules.slice(1).map((h) => h.module).join(', ')})` : '';
        return {
            status: 'incomplete',
            statusReason: `module ${module}'s END at line ${endLine} has no BEGIN before it${others}: the log starts after the module was loaded (the kernel's log buffer wrapped, or the capture started late), so its earlier allocations are unknown: their leaks are missing and their frees read as invalid frees; ${input.capturedByRun ? "the module logged more than the guest's log buffer holds before modleak's reader started: log fewer records at load" : 'capture the whole run (a larger log_buf_len=, or stream /dev/kmsg from before the module is loaded)'}`,
        };
    }
    // Even with --no-require-end, which is for modules with no markers at all: a BEGIN with no END after it shows the log was cut.
    if (match.openModules.length > 0) {
        return {
            status: 'incomplete',
            statusReason: `no END marker after the last BEGIN of module ${match.openModules.join(', ')}: the run did not finish (the guest stopped or the log was cut before the module was unloaded), so still-allocated objects are listed as live at end`,
        };
    }
    const unchecked = input.headerless?.unchecked ?? [];
    if (unchecked.length > 0)
        return { status: 'incomplete', statusReason: withoutHeaderMessage(unchecked) };
    if (input.requireEndMarker) {
        if (match.endedModules.length > 0 && match.unmarkedModules.length > 0) {
            return {
                status: 'incomplete',
                statusReason: `module ${match.unmarkedModules.join(', ')} logged records but no BEGIN or END marker (END markers were seen for ${match.endedModules.join(', ')}), so its run cannot be shown to have finished; check that the file with its module_init() and module_exit() is built with the modleak header too`,
            };
        }
        if (match.endedModules.length === 0) {
            return {
                status: 'incomplete',
                statusReason: 'the log has no modleak1 END marker, so the run cannot be shown to have finished; for a log from a machine without the modleak runner, pass --no-require-end (the Action\'s require-end: false) to count objects live at the end of the log as leaks',
            };
        }
        return { status: 'ok', statusReason: `the run finished: END markers seen for ${match.endedModules.join(', ')}, no records lost` };
    }
    return { status: 'ok', statusReason: 'analysed to the end of the log (no END marker required): objects still allocated there are counted as leaks' };
}
/**
 * The record log's crash reports, and the console's not among them (by title, each once).
 * A record log that starts inside a report the console has whole: the console's report.
 * `userTitles`: lines the record log shows user space wrote, whose console copies are not crashes.
 */
function mergeCrashes(fromRecords, fromConsole, userTitles) {
    const seen = new Map();
    for (const title of [...fromRecords.map((c) => c.title), ...userTitles])
        seen.set(title, (seen.get(title) ?? 0) + 1);
    const extra = fromConsole.filter((c) => {
        const n = seen.get(c.title) ?? 0;
        if (n > 0) {
            seen.set(c.title, n - 1);
            return false;
        }
        return true;
    });
    // Each of the console's own reports stands for at most one of the record log's without a title.
    const free = [...extra];
    const records = fromRecords.filter((r) => {
        const whole = free.findIndex((c) => (0,untitled_report/* partOf */.BU)(r, c));
        if (whole < 0)
            return true;
        free.splice(whole, 1);
        return false;
    });
    return [...records, ...extra.map((c) => ({ ...c, log: 'console' }))];
}
function mergeGroups(groups) {
    const byKey = new Map();
    for (const g of groups) {
        const key = `${g.kind}\0${g.module}\0${g.api}\0${g.site.file}\0${g.site.line}\0${g.site.function}`;
        const prev = byKey.get(key);
        if (!prev) {
            byKey.set(key, { ...g, samples: [...g.samples] });
            continue;
        }
        prev.objects += g.objects;
        prev.bytes += g.bytes;
        prev.samples = [...prev.samples, ...g.samples].slice(0, 5);
    }
    return [...byKey.values()];
}
function leakGroup(g, rules, use, matchedLive) {
    const fp = fingerprint('leak', g.module, g.api, g.site.file, g.site.function);
    let matching = (0,suppressions/* leakRules */.xk)(rules, g.site, fp);
    if (g.kind === 'live-at-end') {
        // What an unfinished run left allocated is its state, not a finding: never hidden, so it is always counted.
        matchedLive(matching);
        matching = [];
    }
    const rule = matching[0];
    const u = use(matching);
    if (u) {
        u.leakGroups++;
        u.leakedObjects += g.objects;
        u.leakedBytes += g.bytes;
    }
    const amount = `${g.bytes} byte(s) in ${g.objects} object(s) allocated from ${where(g.site)} via ${g.api}`;
    return {
        kind: g.kind,
        module: g.module,
        site: g.site,
        api: g.api,
        objects: g.objects,
        bytes: g.bytes,
        fingerprint: fp,
        suppressed: rule !== undefined,
        ...(rule ? { suppressedBy: rule.text } : {}),
        message: g.kind === 'leak' ? `Direct leak of ${amount}` : `Live at end (run did not finish): ${amount}`,
        samples: g.samples,
    };
}
/** `finished`: an ok run, whose objects left allocated at an END are its leaks. */
function badFree(b, rules, use, finished) {
    // One fingerprint for every kind: a double free whose first free is older than the
    // remembered frees shows as an invalid free, and must stay the same finding.
    const fp = fingerprint('bad-free', b.module, b.api, b.site.file, b.site.function);
    const matching = (0,suppressions/* badFreeRules */.du)(rules, b.kind, b.site, fp);
    const rule = matching[0];
    const u = use(matching);
    if (u)
        u.badFrees++;
    const { expected, allowedSince, ...fields } = b;
    return {
        ...fields,
        ...(b.kind === 'mismatched-free' ? { releasers: releasersOf(b, expected) } : {}),
        fingerprint: fp,
        suppressed: rule !== undefined,
        ...(rule ? { suppressedBy: rule.text } : {}),
        message: badFreeMessage(b, expected, finished),
    };
}
/** The APIs that may release a mismatched free's object (a realloc API only when the free was one). */
function releasersOf(b, expected) {
    return (expected ?? []).filter((api) => !api_table/* REALLOC_APIS */.xp.has(api) || api_table/* REALLOC_APIS */.xp.has(b.api));
}
function badFreeMessage(b, expected, finished) {
    const head = `of ${b.ptr} via ${b.api} at ${where(b.site)}`;
    const alloc = b.allocation;
    switch (b.kind) {
        case 'double-free': {
            const first = b.previousFree ? `; first freed via ${b.previousFree.api} at ${where(b.previousFree.site)} (log line ${b.previousFree.logLine})` : '';
            const from = alloc ? `; allocated via ${alloc.api} (${alloc.size} bytes) at ${where(alloc.site)}` : '';
            return `Double free ${head}${first}${from}`;
        }
        case 'mismatched-free': {
            const releasers = releasersOf(b, expected);
            const later = b.allowedSince;
            const frees = later?.frees ?? [];
            const unknownKernel = later === undefined ? '' : ` (Linux ${later.release} and later also allow ${frees.length > 1 ? `${frees.slice(0, -1).join(', ')} and ${frees.at(-1)}` : frees[0]}; this log does not say which kernel ran)`;
            return `Mismatched free ${head}: the object was allocated via ${alloc?.api ?? '?'} at ${alloc ? where(alloc.site) : '?'}, which must be released with ${releasers.join(' or ')}${unknownKernel}`;
        }
        case 'invalid-free':
            if (alloc && b.afterEnd !== undefined) {
                const object = `${alloc.size}-byte object allocated via ${alloc.api} at ${where(alloc.site)} (log line ${alloc.logLine})`;
                const subject = b.offset === undefined ? `the ${object}` : `the pointer is ${b.offset} byte(s) inside a ${object}, which`;
                const there = (0,api_table/* isDevmAlloc */.mY)(alloc.api)
                    ? ', where the driver core released it with its device (devm_* objects are freed when the device unbinds)'
                    : ` and is ${finished ? 'reported as leaked there' : 'listed there with what the run left allocated'}`;
                return `Invalid free ${head}: ${subject} was still allocated at module ${b.afterEnd.module}'s END (log line ${b.afterEnd.logLine})${there}; a free after END means code ran after the module was unloaded (work or a callback not flushed at exit) or another module took the object over`;
            }
            if (alloc && b.offset !== undefined) {
                const freed = b.previousFree ? `, already freed via ${b.previousFree.api} at ${where(b.previousFree.site)} (log line ${b.previousFree.logLine})` : '';
                return `Invalid free ${head}: the pointer is ${b.offset} byte(s) inside a ${alloc.size}-byte object allocated via ${alloc.api} at ${where(alloc.site)} (log line ${alloc.logLine})${freed}`;
            }
            return `Invalid free ${head}: this address is not allocated (never allocated, its allocation not logged, or freed more than ${matcher/* RECENT_FREES */.M} frees earlier: then a double free too old to name its first free)`;
    }
}
function sum(items, f) {
    let total = 0;
    for (const item of items)
        total += f(item);
    return total;
}
/** Whether `modules` (as the log names them) has `wanted`, spelt with - or _. */
function hasModule(modules, wanted) {
    const key = (0,record/* moduleKey */.MP)(wanted);
    return modules.some((m) => (0,record/* moduleKey */.MP)(m) === key);
}


/***/ }),

/***/ 347:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ gate),
/* harmony export */   d: () => (/* binding */ EXIT)
/* harmony export */ });
/** Exit statuses of contract 3. */
const EXIT = { ok: 0, overBudget: 1, usage: 2, runFailed: 3 };
function gate(report, budgets) {
    const reasons = [];
    const s = report.summary;
    if (report.status !== 'ok') {
        reasons.push(`the run did not finish cleanly (status ${report.status}): ${report.statusReason}`);
    }
    if (s.leakedObjects > budgets.maxLeaks) {
        reasons.push(`${s.leakedObjects} leaked object(s) exceed max-leaks ${budgets.maxLeaks} by ${s.leakedObjects - budgets.maxLeaks}`);
    }
    if (budgets.maxLeakedBytes !== undefined && s.leakedBytes > budgets.maxLeakedBytes) {
        reasons.push(`${s.leakedBytes} leaked byte(s) exceed max-leaked-bytes ${budgets.maxLeakedBytes} by ${s.leakedBytes - budgets.maxLeakedBytes}`);
    }
    if (s.badFrees > budgets.maxBadFrees) {
        reasons.push(`${s.badFrees} bad free(s) exceed max-bad-frees ${budgets.maxBadFrees} by ${s.badFrees - budgets.maxBadFrees}`);
    }
    const exitCode = report.status !== 'ok' ? EXIT.runFailed : reasons.length > 0 ? EXIT.overBudget : EXIT.ok;
    return { passed: reasons.length === 0, exitCode, reasons };
}


/***/ }),

/***/ 158:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  G: () => (/* binding */ renderMarkdown)
});

// UNUSED EXPORTS: verdictLine

// EXTERNAL MODULE: ./src/report/schema.ts
var schema = __nccwpck_require__(327);
;// CONCATENATED MODULE: ./src/report/markdown-escape.ts
// Text that came from a kernel log or a module's source is hostile: a module can name a
// file `<img src=x onerror=...>.c`, a function `@everyone`, or log `| ](javascript:...)`.
// These helpers make such text render literally in GitHub-flavoured Markdown.
const ZERO_WIDTH_SPACE = '\u200b';
/** Escapes text for use inline in Markdown, including inside a table cell. */
function escapeMarkdown(text) {
    return text
        .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
        .replace(/[\u0000-\u001f\u007f]/g, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_{}[\]()!|~$]/g, (c) => `\\${c}`)
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`);
}
/** Escapes text for use between <pre> and </pre> (an HTML block: no Markdown inside). */
function escapePreformatted(text) {
    return text
        .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/@/g, `@${ZERO_WIDTH_SPACE}`)
        // A blank line would end the HTML block and let Markdown resume.
        .replace(/\n(?=\n)/g, '\n ');
}
/**
 * A URL made safe to put inside `[text](url)`: only http(s), and the characters that
 * could close the link or start HTML are percent-encoded.
 */
function safeLinkTarget(url) {
    if (!/^https?:\/\/[^\s]+$/i.test(url))
        return undefined;
    return url.replace(/[()<>"'`\\ \[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

// EXTERNAL MODULE: ./src/match/matcher.ts + 2 modules
var matcher = __nccwpck_require__(560);
// EXTERNAL MODULE: ./src/match/api-table.ts + 1 modules
var api_table = __nccwpck_require__(575);
;// CONCATENATED MODULE: ./src/report/markdown.ts




const FULL = { leaks: Infinity, badFrees: Infinity, crashes: Infinity, crashLines: Infinity, diagnostics: Infinity };
const STATUS_WORDS = {
    ok: 'finished',
    crashed: 'crashed',
    timeout: 'timed out',
    incomplete: 'was incomplete',
    'build-failed': 'failed to build the module',
    'load-failed': 'failed to load the module',
};
function renderMarkdown(report, options = {}) {
    const max = options.maxLength;
    let limits = FULL;
    let body = renderWith(report, options, limits, false);
    if (max === undefined || body.length <= max)
        return body;
    // Shrink every list until the body fits, then say what was left out.
    limits = startingLimits(report);
    for (let round = 0; round < 40; round++) {
        body = renderWith(report, options, limits, true);
        if (body.length <= max)
            return body;
        limits = halve(limits);
    }
    return hardCut(body, max, options);
}
function startingLimits(report) {
    return {
        leaks: report.leaks.length,
        badFrees: report.badFrees.length,
        crashes: report.crashes.length,
        crashLines: Math.max(0, ...report.crashes.map((c) => c.lines.length)),
        diagnostics: report.diagnostics.length,
    };
}
function halve(l) {
    const h = (n) => Math.floor(n / 2);
    return { leaks: h(l.leaks), badFrees: h(l.badFrees), crashes: h(l.crashes), crashLines: h(l.crashLines), diagnostics: h(l.diagnostics) };
}
function renderWith(report, options, limits, cut) {
    const parts = [];
    parts.push(`### ${escapeMarkdown(options.title ?? 'modleak report')}`);
    parts.push(verdictLine(report));
    parts.push(summaryTable(report));
    parts.push(...leakSections(report, options, limits.leaks));
    const badFrees = badFreeSection(report, options, limits.badFrees);
    if (badFrees)
        parts.push(badFrees);
    const suppressed = suppressionSection(report);
    if (suppressed)
        parts.push(suppressed);
    const crashes = crashSection(report.crashes, limits);
    if (crashes)
        parts.push(crashes);
    const run = runSection(report);
    if (run)
        parts.push(run);
    const diagnostics = diagnosticSection(report, limits.diagnostics);
    if (diagnostics)
        parts.push(diagnostics);
    if (cut)
        parts.push(cutNotice(options));
    parts.push(`<sub>modleak ${escapeMarkdown(report.tool.version)} · report schema ${escapeMarkdown(report.schema)}</sub>`);
    return parts.join('\n\n') + '\n';
}
function cutNotice(options) {
    const where = options.artifactHint ? escapeMarkdown(options.artifactHint) : 'report.json / report.md';
    return `> [!NOTE]\n> This report was shortened to fit; the full report is in ${where}.`;
}
function hardCut(body, max, options) {
    const notice = `\n\n${cutNotice(options)}\n`;
    const room = Math.max(0, max - notice.length);
    const head = body.slice(0, room);
    const lastBreak = head.lastIndexOf('\n\n');
    return (lastBreak > 0 ? head.slice(0, lastBreak) : head) + notice;
}
function verdictLine(report) {
    const s = report.summary;
    const problems = [];
    if (s.leakedObjects > 0)
        problems.push(`${s.leakedObjects} leaked object(s), ${s.leakedBytes} byte(s) at ${s.leakSites} call site(s)`);
    if (s.badFrees > 0)
        problems.push(`${s.badFrees} bad free(s)`);
    if (s.liveAtEndObjects > 0)
        problems.push(`${s.liveAtEndObjects} object(s), ${s.liveAtEndBytes} byte(s) still live when the log ended`);
    if (report.status !== 'ok') {
        const found = problems.length ? ` Found before it stopped: ${problems.join('; ')}.` : '';
        return `:x: **The run ${STATUS_WORDS[report.status]}** (status \`${report.status}\`): ${escapeMarkdown(sentence(report.statusReason))}${found}`;
    }
    if (problems.length === 0) {
        return `:white_check_mark: **No leaks and no bad frees** in ${s.allocations} allocation(s) and ${s.frees} free(s).`;
    }
    return `:warning: **${problems.join('; ')}** found in ${s.allocations} allocation(s) and ${s.frees} free(s).`;
}
/** `text` ending as a sentence does, so that another can follow it. */
function sentence(text) {
    return /[.!?]$/.test(text) ? text : `${text}.`;
}
function summaryTable(report) {
    const s = report.summary;
    const rows = [
        ['Status', `\`${report.status}\``],
        ['Kernel', report.kernel.release ? escapeMarkdown(report.kernel.release) : 'unknown'],
        ['Modules', report.modules.length ? report.modules.map(escapeMarkdown).join(', ') : 'none seen'],
        ['Leaked objects', String(s.leakedObjects)],
        ['Leaked bytes', String(s.leakedBytes)],
        ['Leak sites', String(s.leakSites)],
        ...(s.liveAtEndObjects > 0 ? [['Live at end (run did not finish)', `${s.liveAtEndObjects} object(s), ${s.liveAtEndBytes} byte(s)`]] : []),
        ['Bad frees', String(s.badFrees)],
        ['Allocations / frees', `${s.allocations} / ${s.frees}`],
        ['Failed allocations', String(s.failedAllocations)],
        ['Peak live bytes', String(s.peakLiveBytes)],
        ['Lost records', String(s.lostRecords)],
    ];
    if (s.suppressedLeakedObjects > 0 || s.suppressedBadFrees > 0) {
        rows.push(['Suppressed', `${s.suppressedLeakedObjects} leaked object(s), ${s.suppressedBadFrees} bad free(s)`]);
    }
    return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
function siteText(site, options) {
    const where = `${escapeMarkdown(site.file)}:${site.line}`;
    const raw = options.sourceUrl?.(site);
    const url = raw === undefined ? undefined : safeLinkTarget(raw);
    const located = url ? `[${where}](${url})` : where;
    return `${located} in ${code(site.function)}`;
}
/** Log-derived names shown as code: an HTML tag, so the escaped text keeps working in table cells. */
function code(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/** The leak groups, then (a run that did not finish) the objects still live when the log ended. */
function leakSections(report, options, limit) {
    const shown = report.leaks.filter((l) => !l.suppressed);
    const sections = [
        leakTable('#### Leaks by call site', shown.filter((l) => l.kind === 'leak'), options, limit),
        leakTable('#### Objects still live when the log ended (run did not finish)', shown.filter((l) => l.kind === 'live-at-end'), options, limit),
    ];
    return sections.filter((section) => section !== undefined);
}
function leakTable(heading, groups, options, limit) {
    if (groups.length === 0)
        return undefined;
    const rows = groups.slice(0, limit).map((l) => `| ${siteText(l.site, options)} | ${code(l.api)} | ${l.objects} | ${l.bytes} | ${escapeMarkdown(l.module)} |`);
    const lines = [heading, '', '| Allocated at | API | Objects | Bytes | Module |', '|---|---|--:|--:|---|', ...rows];
    if (groups.length > rows.length)
        lines.push('', `_…and ${groups.length - rows.length} more leak site(s), left out to fit._`);
    return lines.join('\n');
}
const BAD_FREE_WORDS = {
    'double-free': 'Double free',
    'invalid-free': 'Invalid free',
    'mismatched-free': 'Mismatched free',
};
function badFreeSection(report, options, limit) {
    const shown = report.badFrees.filter((b) => !b.suppressed);
    if (shown.length === 0)
        return undefined;
    const items = shown.slice(0, limit).map((b) => badFreeItem(b, options, report.status === 'ok'));
    const lines = ['#### Bad frees', '', ...items];
    if (shown.length > items.length)
        lines.push('', `_…and ${shown.length - items.length} more bad free(s), left out to fit._`);
    return lines.join('\n');
}
/** `finished`: an ok run, whose objects left allocated at an END are its leaks. */
function badFreeItem(b, options, finished) {
    const lines = [`- **${BAD_FREE_WORDS[b.kind]}** of ${code(b.ptr)} by ${code(b.api)} at ${siteText(b.site, options)}`];
    if (b.allocation) {
        const offset = b.offset ? `; the freed pointer is ${b.offset} byte(s) into it` : '';
        lines.push(`  - allocated by ${code(b.allocation.api)} (${b.allocation.size} byte(s)${offset}) at ${siteText(b.allocation.site, options)}`);
    }
    if (b.previousFree) {
        lines.push(`  - ${b.kind === 'double-free' ? 'first' : 'already'} freed by ${code(b.previousFree.api)} at ${siteText(b.previousFree.site, options)}`);
    }
    if (b.releasers?.length)
        lines.push(`  - may be released only by ${b.releasers.map(code).join(' or ')}`);
    if (b.afterEnd) {
        const there = b.allocation && (0,api_table/* isDevmAlloc */.mY)(b.allocation.api) ? 'the driver core released it with its device'
            : finished ? 'it is reported as leaked' : 'it is listed with what the run left allocated';
        lines.push(`  - still allocated at module ${code(b.afterEnd.module)}'s END (log line ${b.afterEnd.logLine}), where ${there}: freed after the module unloaded`);
    }
    if (!b.allocation && !b.previousFree) {
        lines.push(`  - not allocated when freed: never allocated, its allocation not logged, or freed more than ${matcher/* RECENT_FREES */.M} frees earlier (a double free too old to name its first free)`);
    }
    return lines.join('\n');
}
/** What each suppression rule hid: a report that hides everything must still say so. */
function suppressionSection(report) {
    if (report.suppressions.length === 0)
        return undefined;
    const rows = report.suppressions.map((u) => {
        const hid = [
            ...(u.leakGroups > 0 ? [`${u.leakGroups} leak site(s) (${u.leakedObjects} object(s), ${u.leakedBytes} byte(s))`] : []),
            ...(u.badFrees > 0 ? [`${u.badFrees} bad free(s)`] : []),
        ];
        return `- ${code(u.rule)} (${escapeMarkdown(u.file)}:${u.line}) hid ${hid.join(' and ')}`;
    });
    return ['#### Suppressed', '', ...rows].join('\n');
}
function crashSection(crashes, limits) {
    if (crashes.length === 0)
        return undefined;
    const blocks = crashes.slice(0, limits.crashes).map((c) => {
        const lines = c.lines.slice(0, limits.crashLines);
        const more = c.lines.length > lines.length ? `\n… ${c.lines.length - lines.length} more line(s)` : '';
        return `<details><summary>${escapePreformatted(c.kind)}: ${escapePreformatted(oneLine(c.title))} (${(0,schema/* crashPlace */.P)(c)})</summary>\n\n<pre>\n${escapePreformatted(lines.join('\n') + more)}\n</pre>\n\n</details>`;
    });
    const lines = ['#### Kernel crash reports', '', ...blocks];
    if (crashes.length > blocks.length)
        lines.push('', `_…and ${crashes.length - blocks.length} more crash report(s), left out to fit._`);
    return lines.join('\n');
}
function oneLine(text) {
    return text.replace(/[\r\n]+/g, ' ');
}
function runSection(report) {
    const run = report.run;
    if (!run)
        return undefined;
    const parts = [];
    if (run.buildErrors && run.buildErrors.length > 0) {
        const rows = run.buildErrors.slice(0, 20).map((e) => `- ${e.severity} at ${escapeMarkdown(e.file)}:${e.line}${e.column ? `:${e.column}` : ''}: ${escapeMarkdown(e.message)}`);
        parts.push(['#### Build errors', '', ...rows].join('\n'));
    }
    if (run.loadError) {
        parts.push(`<details><summary>Module load error</summary>\n\n<pre>\n${escapePreformatted(run.loadError)}\n</pre>\n\n</details>`);
    }
    const facts = [];
    if (run.accel)
        facts.push(`accelerator ${run.accel}`);
    if (run.durationMs !== undefined)
        facts.push(`${(run.durationMs / 1000).toFixed(1)} s`);
    if (run.testScriptExit !== undefined)
        facts.push(`test script exit ${run.testScriptExit}`);
    if (run.pairs?.length)
        facts.push(`allocator pairs ${run.pairs.map((p) => code(`${p.alloc}:${p.free}`)).join(', ')}`);
    if (facts.length)
        parts.push(`<sub>Run: ${facts.join(', ')}</sub>`);
    return parts.length ? parts.join('\n\n') : undefined;
}
function diagnosticSection(report, limit) {
    const shown = report.diagnostics.slice(0, limit);
    if (shown.length === 0)
        return undefined;
    const rows = shown.map((d) => {
        const where = d.file ? ` (${escapeMarkdown(d.file)}${d.line ? `:${d.line}` : ''}${d.field ? `, ${escapeMarkdown(d.field)}` : ''})` : '';
        return `- **${d.severity}**${where}: ${escapeMarkdown(d.message)}`;
    });
    if (report.diagnostics.length > shown.length)
        rows.push(`- _…and ${report.diagnostics.length - shown.length} more, left out to fit._`);
    return `<details><summary>Diagnostics (${report.diagnostics.length})</summary>\n\n${rows.join('\n')}\n\n</details>`;
}


/***/ }),

/***/ 327:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ REPORT_SCHEMA),
/* harmony export */   P: () => (/* binding */ crashPlace)
/* harmony export */ });
// Contract 2 (design.md): the report every renderer reads. Changing a field's meaning
// means a new schema version.
const REPORT_SCHEMA = 'modleak-report/v1';
/** Where a crash report starts, in words: "log line 12" or "console log line 12". */
function crashPlace(crash) {
    return `${crash.log === 'console' ? 'console log' : 'log'} line ${crash.logLine}`;
}


/***/ }),

/***/ 104:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Q9: () => (/* binding */ parseSuppressions),
/* harmony export */   du: () => (/* binding */ badFreeRules),
/* harmony export */   xk: () => (/* binding */ leakRules)
/* harmony export */ });
/* unused harmony export globMatches */
const TYPES = ['leak', 'bad-free', 'double-free', 'invalid-free', 'mismatched-free'];
function parseSuppressions(text, file, diagnostics) {
    const rules = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
        const line = index + 1;
        const rule = raw.trim();
        if (rule === '' || rule.startsWith('#'))
            return;
        const colon = rule.indexOf(':');
        const type = colon > 0 ? rule.slice(0, colon).trim() : '';
        const pattern = colon > 0 ? rule.slice(colon + 1).trim() : '';
        if (!TYPES.includes(type)) {
            diagnostics.add('suppression', {
                severity: 'error', file, line, field: 'type',
                message: `${file}:${line}: rule '${rule}' has type '${type || rule}'; expected <type>:<glob> with type ${TYPES.join(', ')}; rule ignored`,
            });
            return;
        }
        if (pattern === '') {
            diagnostics.add('suppression', {
                severity: 'error', file, line, field: 'pattern',
                message: `${file}:${line}: rule '${rule}' has an empty glob; expected e.g. ${type}:my_function; rule ignored`,
            });
            return;
        }
        rules.push({ type: type, pattern, text: rule, file, line });
    });
    return rules;
}
/**
 * Whether `text` matches `glob` as a whole. Walks both once, going back only to the
 * last `*` (at most length(glob) x length(text) steps, where a regular expression
 * made of the same `*`s can take exponential time on a long path).
 */
function globMatches(glob, text) {
    const g = [...glob];
    const t = [...text];
    let gi = 0;
    let ti = 0;
    let star = -1;
    let starText = 0;
    while (ti < t.length) {
        if (gi < g.length && g[gi] !== '*' && (g[gi] === '?' || g[gi] === t[ti])) {
            gi++;
            ti++;
        }
        else if (gi < g.length && g[gi] === '*') {
            star = gi++;
            starText = ti;
        }
        else if (star >= 0) {
            gi = star + 1;
            ti = ++starText;
        }
        else {
            return false;
        }
    }
    while (gi < g.length && g[gi] === '*')
        gi++;
    return gi === g.length;
}
function candidates(site, fingerprint) {
    return [site.function, site.file, `${site.file}:${site.line}`, fingerprint];
}
/** The leak rules that match a leak group, in file order: the first hides it. */
function leakRules(rules, site, fingerprint) {
    const keys = candidates(site, fingerprint);
    return rules.filter((r) => r.type === 'leak' && keys.some((k) => globMatches(r.pattern, k)));
}
/** The rules that match a bad free, in file order: the first hides it. */
function badFreeRules(rules, kind, site, fingerprint) {
    const keys = candidates(site, fingerprint);
    return rules.filter((r) => (r.type === 'bad-free' || r.type === kind) && keys.some((k) => globMatches(r.pattern, k)));
}


/***/ }),

/***/ 335:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ loadErrorLines),
/* harmony export */   Cv: () => (/* binding */ readInitLines),
/* harmony export */   Hf: () => (/* binding */ withRunnerOutcome),
/* harmony export */   I5: () => (/* binding */ classifyRun),
/* harmony export */   t8: () => (/* binding */ findPanic)
/* harmony export */ });
/* unused harmony export initOutcome */
/* harmony import */ var _init_script_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(847);

function readInitLines(consoleLines) {
    const facts = { steps: [], loadFailures: [], unloadFailures: [], warnings: [], poweredOff: false };
    for (const raw of consoleLines) {
        const at = raw.indexOf(_init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .INIT_PREFIX */ .WG);
        if (at < 0)
            continue;
        const msg = raw.slice(at + _init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .INIT_PREFIX */ .WG.length).trim();
        const [key, ...rest] = msg.split(': ');
        const value = rest.join(': ');
        switch (key) {
            case 'step':
                facts.steps.push(value);
                break;
            case 'load-failed':
                facts.loadFailures.push(value);
                break;
            case 'unload-failed':
                facts.unloadFailures.push(value);
                break;
            case 'test-script-exit':
                facts.testScriptExit = Number(value);
                break;
            case 'test-script-timeout':
                if (/^\d+$/.test(value))
                    facts.testScriptTimeoutSec = Number(value);
                break;
            case 'fatal':
                facts.fatal = value;
                break;
            case 'streamer-exit':
                facts.streamerExit = Number(value);
                break;
            case 'warning':
                facts.warnings.push(value);
                break;
            default: if (msg === 'powering off')
                facts.poweredOff = true;
        }
    }
    return facts;
}
function classifyRun(analysed, facts) {
    const run = {
        ...analysed.run, accel: facts.accel, durationMs: facts.durationMs,
        ...(facts.pairs?.length ? { pairs: facts.pairs.map(({ alloc, free }) => ({ alloc, free })) } : {}),
    };
    if (facts.init.testScriptExit !== undefined)
        run.testScriptExit = facts.init.testScriptExit;
    const diagnostics = [...analysed.diagnostics];
    const lastStep = facts.init.steps[facts.init.steps.length - 1] ?? 'booting the kernel';
    let status = analysed.status;
    let reason = analysed.statusReason;
    if (facts.init.loadFailures.length > 0) {
        run.loadError = [...facts.init.loadFailures, ...facts.kernelLoadLines].join('\n');
    }
    if (analysed.crashes.length > 0 || facts.panicLine) {
        const title = analysed.crashes[0]?.title ?? facts.panicLine;
        // The first report is often a consequence's warning; the one that stopped things may come after it.
        const others = analysed.crashes.slice(1).map((c) => c.title);
        const more = others.length === 0 ? '' : ` (then ${others.length} more report(s): ${others.slice(0, 2).join('; ')}${others.length > 2 ? '; ...' : ''})`;
        status = 'crashed';
        reason = `the kernel crashed${facts.watchdogFired ? ` and the run was killed after ${facts.timeoutSec} s${stuckAt(lastStep)}` : ''}: ${title}${more}`;
    }
    else if (facts.interruptedBy) {
        status = 'incomplete';
        reason = `the run was interrupted (${facts.interruptedBy}) at step '${lastStep}' and the guest was stopped; the log up to then was analysed.`;
    }
    else if (facts.watchdogFired) {
        status = 'timeout';
        reason = `the guest was still running after ${facts.timeoutSec} s (last step: ${lastStep}) and was killed; the log up to then was analysed. ${watchdogAdvice(lastStep, facts.init)}`;
    }
    else {
        const said = initOutcome(facts.init, facts.kernelLoadLines[0]);
        if (said)
            ({ status, reason } = said);
    }
    const exit = facts.init.testScriptExit;
    if (exit !== undefined && exit !== 0 && facts.init.testScriptTimeoutSec === undefined) {
        const killed = exit === 139
            ? ` (SIGSEGV: ${analysed.crashes.length > 0 ? 'the kernel kills the task a BUG or oops happens in; see the crash report' : 'a segmentation fault in the script or a program it ran'})`
            : exit !== 137 ? '' : analysed.crashes.length > 0
                ? ' (SIGKILL: the kernel kills the task an oops happens in; see the crash report)'
                : ' (SIGKILL: killed, by the OOM killer or another process)';
        const went = facts.init.steps.includes(_init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.draining) ? 'the run went on (module unloaded, records analysed)' : `the run went on, but the guest got no further than step '${lastStep}'`;
        diagnostics.push({ severity: 'warning', message: `the test script exited with status ${exit}${killed}; ${went}.` });
    }
    for (const { module, logLine } of facts.earlyEnds ?? []) {
        diagnostics.push({
            severity: 'warning',
            message: `module ${module}'s END at log line ${logLine} was written before modleak unloaded the module, by the test script or the module itself: what was allocated then is reported as leaked there, and its frees at unload as invalid frees after that END; test scripts must not write modleak1 records`,
        });
    }
    for (const w of facts.pairConflicts ?? [])
        diagnostics.push({ severity: 'warning', message: w });
    for (const w of facts.init.warnings)
        diagnostics.push({ severity: 'warning', message: `guest: ${w}` });
    return { ...analysed, status, statusReason: reason, diagnostics, run };
}
/**
 * What the guest's init said went wrong, by the same order: a module that did not load,
 * one rmmod could not unload, a guest that could not run it, a test script killed at its
 * limit. `kernelLine`: the kernel's own words about a failed load.
 */
function initOutcome(init, kernelLine) {
    if (init.loadFailures.length > 0) {
        return { status: 'load-failed', reason: `the module did not load: ${init.loadFailures[0]}${kernelLine ? ` (kernel: ${kernelLine})` : ''}` };
    }
    if (init.unloadFailures.length > 0) {
        return {
            status: 'incomplete',
            reason: `rmmod could not unload the module (${init.unloadFailures.join('; ')}): its exit function never ran, so what it frees is still allocated and nothing is called a leak for sure; let the test script release the module before it ends (close the files it opened, stop the processes that use it); a module without an exit function cannot be unloaded at all`,
        };
    }
    if (init.fatal)
        return { status: 'incomplete', reason: `the guest could not run the module: ${init.fatal}` };
    if (init.testScriptTimeoutSec !== undefined) {
        return { status: 'timeout', reason: `the test script was still running after ${init.testScriptTimeoutSec} s and was killed; the module was then unloaded and its records are complete.` };
    }
    return undefined;
}
/**
 * `modleak analyze` of a `modleak run`'s saved logs: the console's init lines say what the
 * record log cannot (a module that did not load, a test script killed at its limit), so
 * the status is the run's own, crashes first as in classifyRun.
 */
function withRunnerOutcome(report, runnerLines) {
    // Only a modleak guest's console: its init's first line is there, before any other of its lines.
    if (report.status === 'crashed' || runnerLines[0] !== `${_init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .INIT_PREFIX */ .WG} step: ${_init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.booted}`)
        return report;
    const said = initOutcome(readInitLines(runnerLines));
    return said ? { ...report, status: said.status, statusReason: `${said.reason} (as the run's console log says)` } : report;
}
/** Where a guest that crashed was when it was killed, when that says why it never finished. */
function stuckAt(lastStep) {
    if (lastStep === _init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.unloading)
        return " (rmmod never returned: the module's exit waited for something the crash left behind, such as a lock or a reference the killed task held)";
    if (lastStep === _init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.runningTestScript)
        return " (the test script never ended: after an oops, a lock the killed task held often stays taken and the next call into the module waits on it forever)";
    return '';
}
/** What to do about a guest the watchdog killed: more time helps only where time was the problem. */
function watchdogAdvice(lastStep, init) {
    if (lastStep === _init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.runningTestScript && init.testScriptTimeoutSec !== undefined) {
        return `The test script passed its own limit (${init.testScriptTimeoutSec} s) and did not die when killed: it is stuck in the kernel (a call into the module that blocks uninterruptibly); more time will not help.`;
    }
    if (lastStep === _init_script_js__WEBPACK_IMPORTED_MODULE_0__/* .STEP */ .RZ.unloading) {
        return "rmmod never returned: the module's exit function blocks (waiting for work, a thread or a reference that never comes); more time will not help.";
    }
    return 'Raise --timeout (the Action\'s timeout) if the module or test script needs longer.';
}
// Only the kernel's own line, after its printk time: the console also carries the test
// script's output, which may quote a panic (as the log parser's user-space rule has it).
const PANIC = /\[\s*\d+\.\d+\] (Kernel panic - not syncing:.*)/;
/** The panic that stopped the guest, from the console (the record streamer stops before it gets there). */
function findPanic(consoleLines) {
    for (const l of consoleLines) {
        const m = PANIC.exec(l);
        if (m)
            return m[1];
    }
    return undefined;
}
/**
 * The kernel's own words about a failed load: warning-or-worse records from the module
 * ("<module>: Unknown symbol ...", "disagrees about version of symbol ...", its own
 * pr_err), minus the taint notices every out-of-tree module gets.
 */
function loadErrorLines(recordLogText, modules) {
    const out = [];
    for (const line of recordLogText.split('\n')) {
        const m = /^(\d+),\d+,\d+,[^;]*;(.*)$/.exec(line);
        if (!m || (Number(m[1]) & 7) > 4)
            continue;
        const msg = m[2].trim();
        if (!modules.some((name) => msg.startsWith(`${name}: `)))
            continue;
        if (/taints kernel|tainting kernel|verification failed/.test(msg))
            continue;
        out.push(msg);
    }
    return out.slice(0, 20);
}


/***/ }),

/***/ 847:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   NE: () => (/* binding */ PAYLOAD_PORT),
/* harmony export */   OX: () => (/* binding */ RECORD_PORT),
/* harmony export */   RZ: () => (/* binding */ STEP),
/* harmony export */   WG: () => (/* binding */ INIT_PREFIX),
/* harmony export */   Yw: () => (/* binding */ renderBaseInit),
/* harmony export */   uE: () => (/* binding */ unloadMarker),
/* harmony export */   zB: () => (/* binding */ renderRunScript)
/* harmony export */ });
/* unused harmony exports shQuote, endMarker, streamEndMarker */
/* harmony import */ var _parse_log_parser_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(173);

// The guest's scripts (busybox sh). The base /init boots, loads the transport, waits
// for the payload (built while the kernel booted) and sources its run.sh, which loads
// the module, runs the test script and unloads it. Everything they say on the console
// starts with INIT_PREFIX so the host can follow the steps live and classify the run.
/** The console parser knows it too: an analysed console log says how the run went (log-parser.ts). */
const INIT_PREFIX = _parse_log_parser_js__WEBPACK_IMPORTED_MODULE_0__/* .RUNNER_PREFIX */ .sH;
const RECORD_PORT = 'modleak.records';
const PAYLOAD_PORT = 'modleak.payload';
/** The steps the guest says (`step: <name>`) that the host's classification reads back. */
const STEP = {
    /** The init's first line. */
    booted: 'booted',
    runningTestScript: 'running test script',
    unloading: 'unloading',
    draining: 'draining records',
};
function shQuote(s) {
    return `'${s.replace(/'/g, `'\\''`)}'`;
}
function endMarker(module) {
    return `modleak1 ${module} END`;
}
/**
 * The message after every END that the record streamer stops at. Not a record (the
 * matcher reads it as a kernel line), and unguessable: a test script that writes an END
 * marker itself must not end the stream before the module is unloaded.
 */
function streamEndMarker(runId) {
    return `modleak-run ${runId} done`;
}
/** Written to the record log as the modules are unloaded: an END before it was not the runner's. */
function unloadMarker(runId) {
    return `modleak-run ${runId} unloading`;
}
function findPort(variable, name) {
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
function renderBaseInit(transport) {
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
function renderRunScript(s) {
    const lines = [
        `/bin/modleak-guest "$recport" ${shQuote(streamEndMarker(s.runId))} &`,
        'streamer=$!',
    ];
    for (const m of s.modules)
        lines.push(`echo ${shQuote(`modleak1 ${m.name} BEGIN`)} > /dev/kmsg`);
    lines.push('say "step: loading"');
    for (const d of s.dependencies)
        lines.push(`insmod ${d} 2>/tmp/d.err || say "warning: dependency ${d} did not load: $(cat /tmp/d.err)"`);
    lines.push('loaded=', 'stuck=');
    const paramsModule = s.paramsModule ?? s.modules[0]?.name;
    s.modules.forEach((m) => {
        const params = m.name === paramsModule && s.moduleParams.trim() ? ` ${shQuote(s.moduleParams.trim())}` : '';
        lines.push(`if /bin/modleak-guest --insmod /payload/modules/${m.file}${params} 2>/tmp/insmod.err; then loaded="${m.name} $loaded"; else`, `  rc=$?; say "load-failed: ${m.name}: insmod exit $rc: $(cat /tmp/insmod.err)"; fi`);
    });
    lines.push('if [ -n "$loaded" ]; then', '  say "step: loaded $loaded"');
    if (s.testScript) {
        lines.push(`  say "step: ${STEP.runningTestScript}"`, `  ${s.testScript} &`, '  tpid=$!', 
        // Said when the limit hits, not after the script is gone: a script stuck in the kernel never goes.
        `  ( sleep ${s.testScriptTimeoutSec}; if kill -0 $tpid 2>/dev/null; then say "test-script-timeout: ${s.testScriptTimeoutSec}"; kill -9 $tpid; fi ) &`, '  watcher=$!', '  wait $tpid', '  rc=$?', '  kill $watcher 2>/dev/null', '  say "test-script-exit: $rc"');
    }
    lines.push(`  say "step: ${STEP.unloading}"`, `  echo ${shQuote(unloadMarker(s.runId))} > /dev/kmsg`, 
    // A module rmmod refuses to unload (in use, or no exit function) gets no END: its exit never ran.
    // An rmmod killed by a signal died in the exit function (an oops): that END counts.
    '  for m in $loaded; do rmmod $m 2>/tmp/rmmod.err; rc=$?', '    if [ $rc -ge 128 ]; then say "warning: rmmod $m failed: exit $rc: $(cat /tmp/rmmod.err)"', '    elif [ $rc -ne 0 ]; then say "unload-failed: $m: $(cat /tmp/rmmod.err)"; stuck="$stuck $m "; fi', '  done', 'fi');
    for (const m of s.modules)
        lines.push(`case "$stuck" in *' ${m.name} '*) ;; *) echo ${shQuote(endMarker(m.name))} > /dev/kmsg ;; esac`);
    lines.push(`echo ${shQuote(streamEndMarker(s.runId))} > /dev/kmsg`, `say "step: ${STEP.draining}"`, '( sleep 60; kill $streamer 2>/dev/null ) &', 'wait $streamer', 'say "streamer-exit: $?"', '');
    return lines.join('\n');
}


/***/ }),

/***/ 535:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AO: () => (/* binding */ moduleName),
/* harmony export */   rD: () => (/* binding */ wholeNumber),
/* harmony export */   z6: () => (/* binding */ apiPair)
/* harmony export */ });
// The values both surfaces take (CLI flags, Action inputs), read one way: each returns
// undefined for a value it cannot take, and the surface words the message its own way
// (`--max-leaks 'x' ...` or `Input 'max-leaks' has value 'x' ...`).
/** A whole number from `min` to `max`, written in decimal digits only. */
function wholeNumber(text, min = 0, max = Number.MAX_SAFE_INTEGER) {
    if (!/^\d+$/.test(text))
        return undefined;
    const value = Number(text);
    return value >= min && value <= max ? value : undefined;
}
/** `ALLOC:FREE`, two C identifiers. */
function apiPair(text) {
    const m = /^([A-Za-z_]\w*):([A-Za-z_]\w*)$/.exec(text);
    return m ? { alloc: m[1], free: m[2] } : undefined;
}
/** A kernel module's name (either spelling: the analysis takes - and _ alike, as the kernel does). */
function moduleName(text) {
    return /^[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ TOOL_VERSION)
/* harmony export */ });
const TOOL_VERSION = '0.1.0';


/***/ }),

/***/ 598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 24:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
