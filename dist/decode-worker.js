import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./src/match/pointer.ts
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

;// CONCATENATED MODULE: ./src/parse/line-splitter.ts
// Splits a byte stream into lines without ever buffering more than one capped line:
// a line longer than `maxLineBytes` is cut there, the rest of it skipped and reported.
// Lines are handed over as byte ranges of the chunk they arrived in (no string is made
// unless the receiver wants one); a line that spans chunks is copied into its own
// buffer, so the caller may reuse its chunk buffer once push() returns.
const DEFAULT_MAX_LINE_BYTES = (/* unused pure expression or super */ null && (64 * 1024));
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

;// CONCATENATED MODULE: ./src/parse/record-bytes.ts
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

;// CONCATENATED MODULE: ./src/parse/record.ts
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
        let sp = record_spaceAt(text, i, end);
        if (sp < 0)
            return undefined;
        const module = this.moduleAt(text, i, sp);
        if (module === undefined)
            return undefined;
        const kind = text.charCodeAt(sp + 1);
        if (text.charCodeAt(sp + 2) !== 32)
            return undefined;
        i = sp + 3;
        sp = record_spaceAt(text, i, end);
        if (sp < 0)
            return undefined;
        const api = this.apiAt(text, i, sp);
        if (api === undefined)
            return undefined;
        i = sp + 1;
        sp = record_spaceAt(text, i, end);
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
            sp = record_spaceAt(text, i, end);
            if (sp < 0 || !isHex(text, i, sp))
                return undefined;
            newPtr = text.slice(i, sp);
        }
        else if (kind !== 65 /* A */) {
            return undefined;
        }
        i = sp + 1;
        sp = record_spaceAt(text, i, end);
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
function record_spaceAt(text, from, end) {
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

;// CONCATENATED MODULE: ./src/parse/decoded-chunk.ts




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
const decoded_chunk_DECODED_INTS = 5;
/** Per record, in `numbers`: the kmsg sequence number, the address key, the size. */
const decoded_chunk_DECODED_NUMBERS = 3;
/** The most records a chunk of `bytes` can hold (a record line is longer than 32 bytes). */
function decoded_chunk_decodedCapacity(bytes) {
    return bytes >> 5;
}
/** Records written between two progress() calls. */
const PROGRESS_EVERY = 64;
const HEAD = 0;
const SITE = 1;
/** The thread's side: reads the record lines of each chunk, in the order the log parser gets the chunks. */
class ChunkDecoder {
    ptrs = new PointerKeys();
    parser = new ByteRecordParser(new RecordParser(), this.ptrs);
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
            chunk = withoutByteOrderMark(chunk);
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
        const capacity = Math.min(ints.length / decoded_chunk_DECODED_INTS, numbers.length / decoded_chunk_DECODED_NUMBERS);
        let count = 0;
        let said = 0;
        while (pos < len && count < capacity) {
            const kind = p.read(chunk, pos, len, false);
            if (kind === NO_RECORD) {
                const nl = chunk.indexOf(10, pos);
                if (nl < 0)
                    break;
                pos = nl + 1;
                continue;
            }
            const ptr = p.ptr;
            if ((kind === ALLOC || kind === FREE) && typeof ptr === 'number' && this.named(p.headEntry, p.siteEntry, out)) {
                const i = count * decoded_chunk_DECODED_INTS;
                ints[i] = pos;
                ints[i + 1] = p.next;
                ints[i + 2] = kind;
                ints[i + 3] = p.headEntry.id;
                ints[i + 4] = p.siteEntry.id;
                const n = count * decoded_chunk_DECODED_NUMBERS;
                numbers[n] = p.seq;
                numbers[n + 1] = ptr;
                numbers[n + 2] = kind === ALLOC ? p.size : 0;
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
        while (at < count && ints[at * decoded_chunk_DECODED_INTS] < start)
            at++;
        if (at === count) {
            count = this.count = chunk.written();
            while (at < count && ints[at * decoded_chunk_DECODED_INTS] < start)
                at++;
        }
        this.at = at;
        // Until this side has read its first address the same way, its keys could differ: it
        // reads those records itself. A number key means the thread knew the run's prefix and
        // width, which neither side changes once known.
        if (at === count || ints[at * decoded_chunk_DECODED_INTS] !== start || (!this.sameKeys && !(this.sameKeys = this.ptrs.hasLearnt(chunk.learnt()))))
            return 0;
        const numbers = chunk.numbers;
        const heads = this.heads;
        const sites = this.sites;
        let pos = start;
        let lines = 0;
        for (;;) {
            if (at === count && at === (count = this.count = chunk.written()))
                break;
            const i = at * decoded_chunk_DECODED_INTS;
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
            const n = at * decoded_chunk_DECODED_NUMBERS;
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

;// CONCATENATED MODULE: ./src/parse/decoded-slots.ts

// Where records written down wait for the log parser: per slot (a chunk at a time),
// the records; for the whole log, the heads and sites numbered and a few control words.
// The read-ahead thread (decode-thread.ts) and LocalDecoding (the warm-up, tests) use
// the same two classes over the same layout: V8 compiles the log parser's and the
// decoder's calls into them for one target each, so code warmed up on LocalDecoding's
// records is not thrown away at the thread's first chunk.
const decoded_slots_DECODE_SLOTS = 4;
/** Bytes for the heads and sites the thread numbers (each with 3 bytes of kind and length). */
const NAME_BYTES = 1 << 20;
/** In the control words (32-bit). */
const decoded_slots_RELEASED = 0; // chunks of the thread's the log parser gave back
const decoded_slots_STOP = 1; // non-zero: stop
const decoded_slots_MAIN_AT = 2; // the chunk the log parser is walking (-1 before the first)
const NAMES_END = 3; // bytes of the names written
const PREFIX = 4; // the writer's AddressLearning
const WIDTH = 5;
const decoded_slots_START = 6; // the next chunk the main thread will read itself; -1 - n: the thread reads from chunk n on
const WRITTEN = 7; // + slot: records written down of the slot's chunk
const CONTROL_WORDS = WRITTEN + decoded_slots_DECODE_SLOTS;
/** The records of the chunk in one slot, as the log parser reads them. */
class decoded_slots_SlotRecords {
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
class SlotWriter {
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
        return count < limit && Atomics.load(control, decoded_slots_MAIN_AT) < this.index && Atomics.load(control, decoded_slots_STOP) === 0;
    }
}
/** The control words (no chunk walked yet) and names of a log, in memory a thread can share. */
function decoded_slots_sharedControl(nameBytes = NAME_BYTES) {
    const control = new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT);
    new Int32Array(control)[decoded_slots_MAIN_AT] = -1;
    return { control, names: new SharedArrayBuffer(nameBytes) };
}
/** Room for the names of a log decoded in this thread: the warm-up's and the tests' are short. */
const LOCAL_NAME_BYTES = 1 << 16;
/**
 * Records written down in this thread (the warm-up, tests): the same hand-over as the
 * read-ahead thread's, through the same slots, without a second thread. A chunk's
 * records stay readable until DECODE_SLOTS more chunks are decoded.
 */
class decoded_slots_LocalDecoding {
    decoder = new ChunkDecoder();
    control;
    names;
    writer;
    chunks = 0;
    constructor() {
        const shared = decoded_slots_sharedControl(LOCAL_NAME_BYTES);
        this.control = new Int32Array(shared.control);
        this.names = new Uint8Array(shared.names);
        this.writer = new SlotWriter(this.control, this.names);
    }
    /** `chunk`'s records (as LogParser.push() gets it); `upTo`: at most this many, as a thread the log parser caught up with would. */
    decode(chunk, upTo = Number.POSITIVE_INFINITY) {
        const capacity = decoded_chunk_decodedCapacity(chunk.length) + 1;
        const ints = new Int32Array(new SharedArrayBuffer(capacity * decoded_chunk_DECODED_INTS * Int32Array.BYTES_PER_ELEMENT));
        const numbers = new Float64Array(new SharedArrayBuffer(capacity * decoded_chunk_DECODED_NUMBERS * Float64Array.BYTES_PER_ELEMENT));
        const slot = this.chunks++ % decoded_slots_DECODE_SLOTS;
        this.writer.start(0, slot, ints, numbers, upTo);
        this.decoder.decode(chunk, this.writer);
        return new decoded_slots_SlotRecords(ints, numbers, this.control, this.names, slot);
    }
}

;// CONCATENATED MODULE: ./src/version.ts
const TOOL_VERSION = '0.1.0';

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
const PROTOCOL = `modleak ${TOOL_VERSION}: ${decoded_slots_DECODE_SLOTS} slots, ${CONTROL_WORDS} control words, ${decoded_chunk_DECODED_INTS} ints and ${decoded_chunk_DECODED_NUMBERS} numbers per record`;
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
        const capacity = decodedCapacity(readBytes);
        const data = {
            protocol: PROTOCOL,
            fd,
            readBytes,
            slots: Array.from({ length: DECODE_SLOTS }, () => ({
                bytes: new SharedArrayBuffer(readBytes),
                ints: new SharedArrayBuffer(capacity * DECODED_INTS * Int32Array.BYTES_PER_ELEMENT),
                numbers: new SharedArrayBuffer(capacity * DECODED_NUMBERS * Float64Array.BYTES_PER_ELEMENT),
            })),
            ...sharedControl(),
        };
        const control = this.control = new Int32Array(data.control);
        const names = new Uint8Array(data.names);
        this.views = slotViews(data);
        this.chunks = this.views.map((view, slot) => new SlotRecords(view.ints, view.numbers, control, names, slot));
        // None of the options Node was started with: the thread needs none, and some stop it
        // from starting (`--input-type`, which a wrapper run with `node -e` carries).
        this.worker = new Worker(script, { workerData: data, execArgv: [] });
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
        return Atomics.compareExchange(this.control, START, index, index + 1) === index;
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
        Atomics.add(this.control, RELEASED, 1);
        Atomics.notify(this.control, RELEASED);
    }
    /** Ends the thread, whether or not it finished (without waiting: a thread that said the end is ending by itself). */
    stop() {
        this.finished = true;
        Atomics.store(this.control, STOP, 1);
        Atomics.notify(this.control, RELEASED);
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
        if (Atomics.load(control, decoded_slots_STOP) !== 0)
            return;
        const next = Atomics.load(control, decoded_slots_START);
        if (Atomics.compareExchange(control, decoded_slots_START, next, -1 - next) === next) {
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
        for (let released = Atomics.load(control, decoded_slots_RELEASED); index - first - released >= views.length; released = Atomics.load(control, decoded_slots_RELEASED)) {
            if (Atomics.load(control, decoded_slots_STOP) !== 0)
                return;
            Atomics.wait(control, decoded_slots_RELEASED, released);
        }
        if (Atomics.load(control, decoded_slots_STOP) !== 0)
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

;// CONCATENATED MODULE: ./src/decode-worker.ts
// The read-ahead thread's entry (bundled to dist/decode-worker.js): see
// parse/decode-thread.ts.






// The same warm-up as the main thread's (see warm-up.ts), for this thread's own compiled code.
const warm = new decoded_slots_LocalDecoding();
for (const chunk of warmUpChunks())
    warm.decode(chunk);
readAhead(external_node_worker_threads_namespaceObject.workerData, (message) => external_node_worker_threads_namespaceObject.parentPort.postMessage(message), (fd, into, position) => (0,external_node_fs_namespaceObject.readSync)(fd, into, 0, into.length, position), new ChunkDecoder());

