import type { ApiPair } from '../match/api-table.js';

// The values both surfaces take (CLI flags, Action inputs), read one way: each returns
// undefined for a value it cannot take, and the surface words the message its own way
// (`--max-leaks 'x' ...` or `Input 'max-leaks' has value 'x' ...`).

/** A whole number from `min` to `max`, written in decimal digits only. */
export function wholeNumber(text: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

/** `ALLOC:FREE`, two C identifiers. */
export function apiPair(text: string): ApiPair | undefined {
  const m = /^([A-Za-z_]\w*):([A-Za-z_]\w*)$/.exec(text);
  return m ? { alloc: m[1]!, free: m[2]! } : undefined;
}

/** A kernel module's name (either spelling: the analysis takes - and _ alike, as the kernel does). */
export function moduleName(text: string): string | undefined {
  return /^[A-Za-z0-9_-]+$/.test(text) ? text : undefined;
}
