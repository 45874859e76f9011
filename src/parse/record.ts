import type { Site } from '../report/schema.js';
import type { TextEvent } from './events.js';

// Contract 1: `modleak1 <module> A <api> <ptr> <size> <file>:<line> <function>` and its
// F / R / BEGIN / END siblings. A record may sit anywhere in a line (serial consoles
// interleave); anything wrong with a field is reported, never guessed at.

export const GRAMMAR = 'modleak1';

export interface RecordError {
  error: 'malformed' | 'version';
  /** The field that was wrong (malformed), or the grammar found (version). */
  field: string;
  message: string;
  /** The record's module, when that field could be read: a filtered-out module's bad record is not this run's problem. */
  module?: string;
}

export type RecordResult = TextEvent | RecordError;

/** Where a `modleakN ` token starts in `text` at or after `from`, or -1. */
export function findRecord(text: string, from = 0): number {
  for (;;) {
    const at = text.indexOf('modleak', from);
    if (at < 0) return -1;
    let i = at + 7;
    const start = i;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i > start && text.charCodeAt(i) === 32) return at;
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
export function moduleKey(name: string): string {
  return name.replaceAll('-', '_');
}
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$.]*$/;

const SHAPES: Record<string, { fields: number; shape: string; what: string }> = {
  A: { fields: 8, shape: 'modleak1 <module> A <api> <ptr> <size> <file>:<line> <function>', what: 'an allocation (A)' },
  F: { fields: 7, shape: 'modleak1 <module> F <api> <ptr> <file>:<line> <function>', what: 'a free (F)' },
  R: { fields: 9, shape: 'modleak1 <module> R <api> <old-ptr> <new-ptr> <size> <file>:<line> <function>', what: 'a reallocation (R)' },
};

/** Interns sites so a million live objects from one call site share one Site object. */
export class SiteTable {
  private readonly sites = new Map<string, Site>();
  constructor(private readonly cap = 100_000) {}

  /** `tail` is `<file>:<line> <function>` as it stood in the record. */
  lookup(tail: string): Site | undefined {
    return this.sites.get(tail);
  }

  get(fileLine: string, fn: string, file: string, line: number): Site {
    const key = fileLine + ' ' + fn;
    let site = this.sites.get(key);
    if (!site) {
      // Copies, so an interned site does not keep the log chunk it was read from alive.
      site = { file: flat(file), line, function: flat(fn) };
      if (this.sites.size < this.cap) this.sites.set(flat(key), site);
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
export class RecordParser {
  private module = '';
  private readonly apis: string[] = [];
  private readonly recentTails: string[] = [];
  private readonly recentSites: Site[] = [];
  private readonly sites = new SiteTable();

  parse(text: string, at: number, logLine: number, seq: number | undefined): RecordResult {
    return this.parseFast(text, at, text.length, logLine, seq) ?? parseRecordStrict(text, at, logLine, seq, this.sites);
  }

  /** The record in text[at, end), or undefined when anything about it needs the careful parser. */
  parseFast(text: string, at: number, end: number, logLine: number, seq: number | undefined): TextEvent | undefined {
    if (!sameAt(text, at, at + 9, 'modleak1 ')) return undefined;
    let i = at + 9;
    let sp = spaceAt(text, i, end);
    if (sp < 0) return undefined;
    const module = this.moduleAt(text, i, sp);
    if (module === undefined) return undefined;
    const kind = text.charCodeAt(sp + 1);
    if (text.charCodeAt(sp + 2) !== 32) return undefined;
    i = sp + 3;
    sp = spaceAt(text, i, end);
    if (sp < 0) return undefined;
    const api = this.apiAt(text, i, sp);
    if (api === undefined) return undefined;
    i = sp + 1;
    sp = spaceAt(text, i, end);
    if (sp < 0 || !isHex(text, i, sp)) return undefined;
    const ptr = text.slice(i, sp);
    if (kind === 70 /* F */) {
      const site = this.siteAt(text, sp + 1, end);
      return site && { type: 'free', module, logLine, seq, api, ptr, site };
    }
    let newPtr = '';
    if (kind === 82 /* R */) {
      i = sp + 1;
      sp = spaceAt(text, i, end);
      if (sp < 0 || !isHex(text, i, sp)) return undefined;
      newPtr = text.slice(i, sp);
    } else if (kind !== 65 /* A */) {
      return undefined;
    }
    i = sp + 1;
    sp = spaceAt(text, i, end);
    if (sp < 0 || sp === i || sp - i > 15) return undefined;
    let size = 0;
    for (let k = i; k < sp; k++) {
      const c = text.charCodeAt(k) - 48;
      if (c < 0 || c > 9) return undefined;
      size = size * 10 + c;
    }
    const site = this.siteAt(text, sp + 1, end);
    if (!site) return undefined;
    if (kind === 65) return { type: 'alloc', module, logLine, seq, api, ptr, size, site };
    return { type: 'realloc', module, logLine, seq, api, oldPtr: ptr, newPtr, size, site };
  }

  private moduleAt(text: string, from: number, to: number): string | undefined {
    const last = this.module;
    if (sameAt(text, from, to, last)) return last;
    const name = flat(text.slice(from, to));
    if (!NAME.test(name)) return undefined;
    this.module = name;
    return name;
  }

  private apiAt(text: string, from: number, to: number): string | undefined {
    const apis = this.apis;
    for (let k = 0; k < apis.length; k++) {
      const api = apis[k]!;
      if (sameAt(text, from, to, api)) return api;
    }
    const api = flat(text.slice(from, to));
    if (!IDENT.test(api)) return undefined;
    if (apis.length >= 16) apis.pop();
    apis.unshift(api);
    return api;
  }

  /** `<file>:<line> <function>` up to the end of the text, interned; recent ones compared in place. */
  private siteAt(text: string, from: number, to: number): Site | undefined {
    const tails = this.recentTails;
    for (let k = 0; k < tails.length; k++) {
      const tail = tails[k]!;
      if (sameAt(text, from, to, tail)) return this.recentSites[k];
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
  siteOf(tail: string): Site | undefined {
    const known = this.sites.lookup(tail);
    if (known) return known;
    // Control characters (an ANSI escape, say) send the record down the careful path, which strips them.
    if (/[\x00-\x1f\x7f]/.test(tail)) return undefined;
    const sp = tail.indexOf(' ');
    if (sp < 0 || tail.indexOf(' ', sp + 1) >= 0) return undefined;
    const fn = tail.slice(sp + 1);
    const colon = tail.lastIndexOf(':', sp);
    const lineText = colon > 0 ? tail.slice(colon + 1, sp) : '';
    if (colon <= 0 || !DECIMAL.test(lineText) || !IDENT.test(fn)) return undefined;
    return this.sites.get(tail.slice(0, sp), fn, tail.slice(0, colon), Number(lineText));
  }
}

/** text[from, to) === word, compared in place. */
function sameAt(text: string, from: number, to: number, word: string): boolean {
  if (to - from !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(from + k) !== word.charCodeAt(k)) return false;
  return true;
}

/** The first space in text[from, end), or -1. */
function spaceAt(text: string, from: number, end: number): number {
  for (let k = from; k < end; k++) if (text.charCodeAt(k) === 32) return k;
  return -1;
}

/** A copy of `s` that shares no memory with the (possibly huge) string it was cut from. */
function flat(s: string): string {
  return (' ' + s).slice(1);
}

/** 1 to 16 hex digits, lowercase only (%px prints lowercase; anything else takes the careful path). */
function isHex(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 16) return false;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The careful parser: every field checked, every problem worded. */
export function parseRecordStrict(text: string, at: number, logLine: number, seq: number | undefined, sites: SiteTable): RecordResult {
  const tokens = text.slice(at).trimEnd().split(' ');
  const grammar = tokens[0]!;
  if (grammar !== GRAMMAR) {
    return { error: 'version', field: grammar, message: `record grammar ${grammar} is not understood by this modleak (expects ${GRAMMAR}); upgrade modleak` };
  }
  const module = tokens[1] ?? '';
  if (!NAME.test(module)) return malformed('module', `module name '${module}' is not a kernel module name ([A-Za-z0-9_-])`);
  const bad = (field: string, message: string): RecordError => ({ ...malformed(field, message), module });
  const kind = tokens[2] ?? '';
  if (kind === 'BEGIN' || kind === 'END') {
    if (tokens.length !== 3) return bad('marker', `${kind} marker has extra text after it: expected 'modleak1 ${module} ${kind}'`);
    return { type: kind === 'BEGIN' ? 'begin' : 'end', module, logLine, seq };
  }
  const shape = SHAPES[kind];
  if (!shape) return bad('kind', `record kind '${kind}' is not A, F, R, BEGIN or END`);
  if (tokens.length !== shape.fields) {
    return bad('fields', `${kind} record has ${tokens.length} field(s), expected ${shape.fields} for ${shape.what}: ${shape.shape}`);
  }
  const api = tokens[3]!;
  if (!IDENT.test(api)) return bad('api', `api '${api}' is not a C function name`);
  const siteField = tokens[shape.fields - 2]!;
  const fn = tokens[shape.fields - 1]!;
  const colon = siteField.lastIndexOf(':');
  const file = colon > 0 ? siteField.slice(0, colon) : '';
  const lineText = colon > 0 ? siteField.slice(colon + 1) : '';
  if (file === '' || !DECIMAL.test(lineText)) return bad('file:line', `site '${siteField}' is not <file>:<line> with a decimal line number`);
  if (!IDENT.test(fn)) return bad('function', `function '${fn}' is not a C function name`);
  const site = sites.get(siteField, fn, file, Number(lineText));
  if (kind === 'F') {
    const ptr = tokens[4]!;
    if (!HEX.test(ptr)) return bad('ptr', `ptr '${ptr}' is not a hexadecimal address (%px, up to 16 digits)`);
    return { type: 'free', module, logLine, seq, api, ptr: ptr.toLowerCase(), site };
  }
  if (kind === 'A') {
    const ptr = tokens[4]!;
    const size = tokens[5]!;
    if (!HEX.test(ptr)) return bad('ptr', `ptr '${ptr}' is not a hexadecimal address (%px, up to 16 digits)`);
    if (!isSize(size)) return bad('size', sizeProblem(size));
    return { type: 'alloc', module, logLine, seq, api, ptr: ptr.toLowerCase(), size: Number(size), site };
  }
  const oldPtr = tokens[4]!;
  const newPtr = tokens[5]!;
  const size = tokens[6]!;
  if (!HEX.test(oldPtr)) return bad('old-ptr', `old-ptr '${oldPtr}' is not a hexadecimal address (%px, up to 16 digits)`);
  if (!HEX.test(newPtr)) return bad('new-ptr', `new-ptr '${newPtr}' is not a hexadecimal address (%px, up to 16 digits)`);
  if (!isSize(size)) return bad('size', sizeProblem(size));
  return { type: 'realloc', module, logLine, seq, api, oldPtr: oldPtr.toLowerCase(), newPtr: newPtr.toLowerCase(), size: Number(size), site };
}

/** Beyond 2^53 the number is not exact: only a failed allocation's saturated size gets there. */
function isSize(size: string): boolean {
  return SIZE.test(size) && (size.length < 20 || BigInt(size) <= SIZE_MAX);
}

function sizeProblem(size: string): string {
  return /^\d+$/.test(size) ? `size '${size}' is larger than a 64-bit size_t can hold` : `size '${size}' is not a decimal number`;
}

function malformed(field: string, message: string): RecordError {
  return { error: 'malformed', field, message };
}

export function isRecordError(r: RecordResult): r is RecordError {
  return 'error' in r;
}
