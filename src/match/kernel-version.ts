// A kernel release as the log's `Linux version` banner names it, reduced to what the
// API table's rules compare: its major and minor numbers.

export type KernelVersion = readonly [major: number, minor: number];

/**
 * "6.12.117+deb12-cloud-amd64" -> [6, 12], "6.1.0-56-cloud-amd64" -> [6, 1], "6.4" -> [6, 4],
 * "7.0-rc1" -> [7, 0]; undefined for a release that does not start with a number.
 */
export function kernelVersion(release: string): KernelVersion | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(release);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : undefined;
}

/** True when `version` is `since` or later. */
export function atLeast(version: KernelVersion, since: KernelVersion): boolean {
  return version[0] !== since[0] ? version[0] > since[0] : version[1] >= since[1];
}
