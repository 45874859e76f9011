import type { AllocationRef, BadFree, EndRef, FreeRef, LogRef, Site } from '../report/schema.js';
import type { DiagnosticLog } from '../report/diagnostics.js';
import type { AllocEvent, FreeEvent, LogEvent, ReallocEvent, RecordFieldSink } from '../parse/events.js';
import { ApiTable, dropsReference, isDevmAlloc, type AllowedSince, type ApiPair } from './api-table.js';
import { LiveSet } from './live-set.js';
import { RecentFrees, type RememberedFree } from './recent-frees.js';
import { isNullPtr, isZeroSizePtr, PointerKeys, type PtrKey } from './pointer.js';

// Pairs allocations with frees by address, in the order the parser delivers them
// (kmsg sequence order). Memory: the live set, a bounded memory of recent frees (for
// naming a double free's first free), per-site leak aggregates, bounded samples.

/**
 * A live object is the allocation event itself (its ptr is the PointerKeys key; the
 * event holds no substring of the log): one object per allocation, not two.
 */
type LiveObject = AllocEvent;

/** The object a reallocation leaves live, shaped like an allocation event. */
function reallocated(event: ReallocEvent, key: PtrKey, size: number): LiveObject {
  return { type: 'alloc', module: event.module, logLine: event.logLine, seq: event.seq, api: event.api, ptr: key, size, site: event.site };
}

export interface LeakAggregate {
  kind: 'leak' | 'live-at-end';
  module: string;
  api: string;
  site: Site;
  objects: number;
  bytes: number;
  samples: Array<{ ptr: string; size: number; logLine: number; seq?: number }>;
}

/** A bad free as the matcher finds it: the report's BadFree before fingerprint, suppression and wording. */
export interface RawBadFree extends Omit<BadFree, 'fingerprint' | 'suppressed' | 'suppressedBy' | 'message'> {
  /** For a mismatched free: the APIs that may release the allocation. */
  expected?: readonly string[];
  /** For a mismatched free in a log that does not name its kernel: a later kernel would allow it. */
  allowedSince?: AllowedSince;
}

export interface MatchResult {
  allocations: number;
  frees: number;
  failedAllocations: number;
  peakLiveBytes: number;
  peakAt?: LogRef;
  leaks: LeakAggregate[];
  badFrees: RawBadFree[];
  /** Bad frees beyond the kept list, counted only. */
  droppedBadFrees: number;
  /** Modules in order of first appearance. */
  modules: string[];
  /** Modules whose last marker is END. */
  endedModules: string[];
  /** Modules whose last marker is BEGIN: the run did not finish for them. */
  openModules: string[];
  /** Modules that logged records but no BEGIN or END marker at all. */
  unmarkedModules: string[];
  /** Modules whose first marker is an END: the log starts after they were loaded; with that END's line. */
  headlessModules: Array<{ module: string; endLine: number }>;
  liveObjects: number;
}

export interface MatcherOptions {
  pairs?: readonly ApiPair[];
  diagnostics: DiagnosticLog;
  /** The record log's name, for diagnostics. */
  file: string;
  /** How many lost records the parser has counted so far (leaks found after a loss are suspect). */
  lostSoFar?: () => number;
  recentFrees?: number;
  maxBadFrees?: number;
  /** The parser's PointerKeys: the events' addresses are its keys. */
  pointers?: PointerKeys;
}

const SAMPLES = 5;
/**
 * How many frees are remembered to name a double free's first free. Older double
 * frees are still caught, as invalid frees (whose words say they may be one).
 */
export const RECENT_FREES = 4096;

/** How many names the matcher's identity caches hold. */
const IDENTITY_CACHE = 16;

/**
 * Whether `names` holds `name`: a loop rather than a map, since the byte parser interns
 * names and V8 compares two interned strings by identity (a map hashes and probes).
 */
function holds(names: readonly string[], name: string): boolean {
  for (let k = 0; k < names.length; k++) if (names[k] === name) return true;
  return false;
}

export class Matcher implements RecordFieldSink {
  private readonly table: ApiTable;
  private readonly ptrs: PointerKeys;
  /** Live objects by address (only the live set: it stays small and in cache). */
  private readonly live = new LiveSet();
  /** The last `recentFrees` frees, searched only when a free misses the live set, to tell a double free from an invalid one. */
  private readonly freed: RecentFrees;
  private readonly leaks = new Map<string, LeakAggregate>();
  private readonly badFrees: RawBadFree[] = [];
  private droppedBadFrees = 0;
  private readonly markers = new Map<string, 'begin' | 'end' | 'none'>();
  /** Each module's last END's log line. */
  private readonly endLines = new Map<string, number>();
  /** Modules whose first marker was an END, and its line. */
  private readonly headless = new Map<string, number>();
  private readonly devmAtEnd = new Map<string, { objects: number; bytes: number }>();
  private readonly unpairedApis = new Set<string>();
  /** put_page/folio_put of pages not live (nor at an END), per API: how many, and the first one's line. */
  private readonly foreignPuts = new Map<string, { count: number; logLine: number }>();
  /**
   * The last objects still allocated at their module's END (reported as leaked there),
   * so that a later free of one is named for what it is rather than "never allocated".
   */
  private readonly leakedAtEnd = new Map<PtrKey, { object: LiveObject; end: EndRef }>();
  private lastModule: string | undefined;
  /**
   * Modules whose last marker is END and that have not logged a record since, with the
   * END's line: a record of one means its code ran after it was unloaded.
   */
  private readonly unloaded: Array<{ module: string; endLine: number }> = [];
  /**
   * The API of the last allocation and of the last free checked: each kind mostly repeats
   * one API, as the same string object (a string compared with a different one costs a
   * call, so one cache for both kinds, which alternate, would cost one per record).
   */
  private lastAllocApi: string | undefined;
  private lastFreeApi: string | undefined;
  /** The first APIs checked and modules noted, looked through (see holds) before any map. */
  private readonly checkedApis: string[] = [];
  private readonly notedModules: string[] = [];
  private allocations = 0;
  private frees = 0;
  private failedAllocations = 0;
  private liveBytes = 0;
  private peakLiveBytes = 0;
  private peakAt: LogRef | undefined;
  private readonly maxBadFrees: number;

  constructor(private readonly options: MatcherOptions) {
    this.table = new ApiTable(options.pairs ?? []);
    this.ptrs = options.pointers ?? new PointerKeys();
    this.freed = new RecentFrees(options.recentFrees ?? RECENT_FREES);
    this.maxBadFrees = options.maxBadFrees ?? 10_000;
  }

  apply(event: LogEvent): void {
    // Not through enterModule: lastModule keeps the field path's own string, so that its
    // comparison is one of identity (an equal string from the text path would cost a call each time).
    this.noteModule(event.module);
    switch (event.type) {
      case 'alloc':
        if (this.unloaded.length !== 0) this.checkUnloaded(event.module, event.logLine);
        this.allocate(event, event.ptr, event.size);
        return;
      case 'free':
        if (this.unloaded.length !== 0) this.checkUnloaded(event.module, event.logLine);
        this.release(event, event.ptr);
        return;
      case 'realloc':
        if (this.unloaded.length !== 0) this.checkUnloaded(event.module, event.logLine);
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
          this.note('marker', 'warning', event.logLine,
            `module ${event.module} END again after its END at log line ${this.endLines.get(event.module)}, with no BEGIN between: the first was written by something else than the module's unload (a test script writing the marker) or the log lost a BEGIN; objects allocated since the first END are counted here`);
        } else if (state !== 'begin') {
          this.note('marker', 'warning', event.logLine, `module ${event.module} END without a BEGIN before it`);
          if (!this.endLines.has(event.module)) this.headless.set(event.module, event.logLine);
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
  setKernelRelease(release: string | undefined): void {
    this.table.setKernelRelease(release);
  }

  names(module: string, api: string): void {
    this.noteModule(module);
    this.checkApi(api);
  }

  /** apply() of an allocation at a number key, from its fields: the common record, without an object. */
  allocNumber(module: string, logLine: number, seq: number, api: string, key: number, size: number, site: Site): void {
    if (module !== this.lastModule) this.enterModule(module, logLine);
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
  freeNumber(module: string, logLine: number, seq: number, api: string, key: number, site: Site): void {
    if (module !== this.lastModule) this.enterModule(module, logLine);
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
  finish(): MatchResult {
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

  private allocate(event: AllocEvent | ReallocEvent, key: PtrKey, size: number): void {
    if (isNullPtr(key)) {
      this.failedAllocations++;
      return;
    }
    if (isZeroSizePtr(key)) return;
    this.checkAllocApi(event.api);
    this.forgetLeakedAtEnd(key);
    const previous = this.live.swap(key, event.type === 'alloc' ? event : reallocated(event, key, size));
    if (previous !== undefined) {
      const doubleFree = this.badFrees.find((b) => b.kind === 'double-free');
      const cause = doubleFree === undefined
        ? 'its free was not logged'
        : `its free was not logged, or the double free at log line ${doubleFree.logLine} corrupted the allocator's free list so that it handed the address out twice`;
      this.note('reused-live', 'warning', event.logLine,
        `${event.api} returned ${this.ptrs.display(key)}, which was still live (allocated at ${where(previous.site)} via ${previous.api}, log line ${previous.logLine}): ${cause}, so the earlier object is forgotten`);
      this.liveBytes -= previous.size;
      // The allocator handed the address out again, so the earlier object was released:
      // counted as freed, which keeps allocations - frees = objects still allocated.
      this.frees++;
    }
    this.allocations++;
    this.grow(size, event.logLine, event.seq);
  }

  private grow(delta: number, logLine: number, seq: number | undefined): void {
    this.liveBytes += delta;
    if (this.liveBytes > this.peakLiveBytes) {
      this.peakLiveBytes = this.liveBytes;
      this.peakAt = seq === undefined ? { logLine } : { logLine, seq };
    }
  }


  /** Frees `key` via event.api; returns false when there was no live object to free. */
  private release(event: FreeEvent | ReallocEvent, key: PtrKey): boolean {
    if (isNullPtr(key) || isZeroSizePtr(key)) return true;
    this.checkFreeApi(event.api);
    if (typeof key === 'number') return this.releaseNumber(event, key);
    const object = this.live.take(key);
    if (object === undefined) {
      this.reportMissing(event, key);
      return false;
    }
    const verdict = this.table.mayRelease(object.api, event.api);
    if (verdict.ok === false) this.addBadFree({ ...this.badBase(event, key), kind: 'mismatched-free', allocation: this.allocationRef(object), ...mismatchOf(verdict) });
    this.liveBytes -= object.size;
    this.frees++;
    this.freed.remember(key, object, event);
    return true;
  }

  /** release() of the common key, read in place from the live set (no object built). */
  private releaseNumber(event: FreeEvent | ReallocEvent, key: number): boolean {
    const live = this.live;
    const slot = live.slotOf(key);
    if (slot < 0) {
      this.reportMissing(event, key);
      return false;
    }
    const api = live.apiAt(slot);
    const verdict = this.table.mayRelease(api, event.api);
    if (verdict.ok === false) this.addBadFree({ ...this.badBase(event, key), kind: 'mismatched-free', allocation: this.allocationRef(live.objectAt(slot)), ...mismatchOf(verdict) });
    this.freeSlot(slot, key, event.api, event.site, event.logLine, event.seq ?? Number.NaN);
    return true;
  }

  /** Frees the live object in `slot` (its release already checked), remembering the free; a seq of NaN = none. */
  private freeSlot(slot: number, key: number, api: string, site: Site, logLine: number, seq: number): void {
    const live = this.live;
    const size = live.sizeAt(slot);
    this.liveBytes -= size;
    this.frees++;
    this.freed.rememberFields(key, live.moduleAt(slot), live.apiAt(slot), live.siteAt(slot), size, live.lineAt(slot), live.seqAt(slot), api, site, logLine, seq);
    live.removeSlot(slot);
  }

  private reallocate(event: ReallocEvent): void {
    const oldKey = event.oldPtr;
    if (isNullPtr(oldKey) || isZeroSizePtr(oldKey)) {
      this.allocate(event, event.newPtr, event.size);
      return;
    }
    if (event.size === 0) {
      this.release(event, event.oldPtr);
      return;
    }
    const newKey = event.newPtr;
    if (isNullPtr(newKey)) {
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
    if (verdict.ok === false) this.addBadFree({ ...this.badBase(event, oldKey), kind: 'mismatched-free', allocation: this.allocationRef(object), ...mismatchOf(verdict) });
    // Resized in place: same object, now owned by the reallocation's site and size.
    this.live.set(oldKey, reallocated(event, oldKey, event.size));
    this.grow(event.size - object.size, event.logLine, event.seq);
  }

  private reportMissing(event: FreeEvent | ReallocEvent, key: PtrKey): void {
    // The last reference to a page that is not live may be one the kernel handed the module,
    // or a page it freed that came back to it: not a double or invalid free (below, only a
    // page inside a live object or one still allocated at an END is).
    const drop = dropsReference(event.api);
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

  private noteForeignPut(event: FreeEvent | ReallocEvent): void {
    const seen = this.foreignPuts.get(event.api);
    if (seen) seen.count++;
    else this.foreignPuts.set(event.api, { count: 1, logLine: event.logLine });
  }

  private foreignPutCount(): number {
    let n = 0;
    for (const { count } of this.foreignPuts.values()) n += count;
    return n;
  }

  /** A remembered free as the report names it (the address is its object's). */
  private freeRef({ allocation, free }: RememberedFree): FreeRef {
    return { ...logRef(free), api: free.api, ptr: this.ptrs.display(allocation.ptr), site: free.site };
  }

  private allocationRef(o: LiveObject): AllocationRef {
    return { logLine: o.logLine, ...(o.seq === undefined ? {} : { seq: o.seq }), api: o.api, ptr: this.ptrs.display(o.ptr), size: o.size, site: o.site };
  }

  private badBase(event: FreeEvent | ReallocEvent, key: PtrKey): Omit<RawBadFree, 'kind'> {
    return { ...logRef(event), module: event.module, api: event.api, ptr: this.ptrs.display(key), site: event.site };
  }

  private addBadFree(bad: RawBadFree): void {
    if (this.badFrees.length < this.maxBadFrees) this.badFrees.push(bad);
    else this.droppedBadFrees++;
  }

  /** `end`: the END marker that collects them (none at the end of the log); its leaks are remembered, see leakedAtEnd. */
  private collectLeaks(module: string | undefined, kind: 'leak' | 'live-at-end', end?: EndRef): void {
    for (const [key, object] of this.live.takeModule(module)) {
      this.liveBytes -= object.size;
      if (isDevmAlloc(object.api)) {
        const devm = this.devmAtEnd.get(object.module) ?? { objects: 0, bytes: 0 };
        devm.objects++;
        devm.bytes += object.size;
        this.devmAtEnd.set(object.module, devm);
        // Released with its device: a later free still names it.
        if (end !== undefined) this.rememberLeakedAtEnd(key, object, end);
        continue;
      }
      const groupKey = `${kind}\0${object.module}\0${object.api}\0${object.site.file}\0${object.site.line}\0${object.site.function}`;
      let group = this.leaks.get(groupKey);
      if (!group) {
        group = { kind, module: object.module, api: object.api, site: object.site, objects: 0, bytes: 0, samples: [] };
        this.leaks.set(groupKey, group);
      }
      // Live at end too (records were lost before this END): a later free still names it.
      if (end !== undefined) this.rememberLeakedAtEnd(key, object, end);
      group.objects++;
      group.bytes += object.size;
      if (group.samples.length < SAMPLES) {
        group.samples.push({ ptr: this.ptrs.display(object.ptr), size: object.size, logLine: object.logLine, ...(object.seq === undefined ? {} : { seq: object.seq }) });
      }
    }
  }

  /** The object leaked at an END that `key` points inside (past its start), and how far in. */
  private leakedAtEndContaining(key: PtrKey): { leaked: { object: LiveObject; end: EndRef }; offset: number } | undefined {
    for (const leaked of this.leakedAtEnd.values()) {
      const offset = this.ptrs.offsetInside(key, leaked.object.ptr, leaked.object.size);
      if (offset >= 0) return { leaked, offset };
    }
    return undefined;
  }

  /** An address allocated again is a new object: a later free of it is not one after END. */
  private forgetLeakedAtEnd(key: PtrKey): void {
    if (this.leakedAtEnd.size !== 0) this.leakedAtEnd.delete(key);
  }

  private rememberLeakedAtEnd(key: PtrKey, object: LiveObject, end: EndRef): void {
    const kept = this.leakedAtEnd;
    kept.delete(key);
    if (kept.size >= RECENT_FREES) kept.delete(kept.keys().next().value!);
    kept.set(key, { object, end });
  }

  /** A field path record of another module than the last one's (its names given to names()). */
  private enterModule(module: string, logLine: number): void {
    if (this.unloaded.length !== 0) this.checkUnloaded(module, logLine);
    this.lastModule = module;
  }

  /** A record of `module` at `logLine`: warns, once per END, when the module had been unloaded. */
  private checkUnloaded(module: string, logLine: number): void {
    const at = this.unloaded.findIndex((u) => u.module === module);
    if (at < 0) return;
    const { endLine } = this.unloaded[at]!;
    this.unloaded.splice(at, 1);
    this.note('after-end', 'warning', logLine,
      `module ${module} logged a record after its END marker (log line ${endLine}) with no BEGIN since: its code ran after it was unloaded (a timer, work item or callback its exit function did not stop), or the log lost a BEGIN; objects allocated from here on are counted at the module's next END, or at the end of the log`);
  }

  private forgetUnloaded(module: string): void {
    const at = this.unloaded.findIndex((u) => u.module === module);
    if (at >= 0) this.unloaded.splice(at, 1);
  }

  /** The first time: `module` joins the modules seen. */
  private noteModule(module: string): void {
    if (holds(this.notedModules, module)) return;
    if (this.notedModules.length < IDENTITY_CACHE) this.notedModules.push(module);
    if (!this.markers.has(module)) this.markers.set(module, 'none');
  }

  private checkAllocApi(api: string): void {
    if (api === this.lastAllocApi) return;
    this.lastAllocApi = api;
    this.checkApi(api);
  }

  private checkFreeApi(api: string): void {
    if (api === this.lastFreeApi) return;
    this.lastFreeApi = api;
    this.checkApi(api);
  }

  private checkApi(api: string): void {
    if (holds(this.checkedApis, api)) return;
    if (this.checkedApis.length < IDENTITY_CACHE) this.checkedApis.push(api);
    this.checkDeclared(api);
  }

  private checkDeclared(api: string): void {
    if (this.unpairedApis.size < 100 && !this.table.isDeclared(api)) this.unpairedApis.add(api);
  }

  private note(kind: string, severity: 'warning' | 'info', line: number, message: string): void {
    this.options.diagnostics.add(kind, { severity, file: this.options.file, line, message: `line ${line}: ${message}` });
  }
}

/** What a mismatched free carries from its verdict. */
function mismatchOf(verdict: { expected: readonly string[]; allowedSince?: AllowedSince }): Pick<RawBadFree, 'expected' | 'allowedSince'> {
  return verdict.allowedSince === undefined ? { expected: verdict.expected } : { expected: verdict.expected, allowedSince: verdict.allowedSince };
}

function logRef(r: LogRef): LogRef {
  return r.seq === undefined ? { logLine: r.logLine } : { logLine: r.logLine, seq: r.seq };
}


function where(site: Site): string {
  return `${site.file}:${site.line} in ${site.function}()`;
}
