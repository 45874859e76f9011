// What a run says about modules built without the header in every file (`modleak run`
// reads it from the .ko files, run/header-mark.ts): such a module logs nothing.

export interface HeaderlessModules {
  /** Nothing else in the run explains them: a run with them cannot pass. */
  unchecked: readonly string[];
  /** Taken for OSAL implementations: other modules of the run log the calls into them. */
  osal: readonly string[];
}

function which(modules: readonly string[]): string {
  return modules.length === 1 ? `module ${modules[0]} was` : `modules ${modules.join(', ')} were`;
}

/** Why a module built with the header disabled in every file was not checked, and what to change. */
export function withoutHeaderMessage(modules: readonly string[]): string {
  return `${which(modules)} built with MODLEAK_DISABLE (or without the modleak header) in every file: no allocation or free was logged, so nothing was checked. Remove -DMODLEAK_DISABLE from the module's Kbuild/Makefile ccflags (ccflags-y, EXTRA_CFLAGS); keep it only per file (CFLAGS_osal.o += -DMODLEAK_DISABLE) for an OSAL implementation.`;
}

/** The same for a module the run takes for an OSAL implementation. */
export function osalWithoutHeaderMessage(modules: readonly string[], pairs: ReadonlyArray<{ alloc: string; free: string }>): string {
  const declared = pairs.map((p) => `${p.alloc}:${p.free}`).join(', ');
  const own = modules.length === 1 ? 'its' : 'their';
  return `${which(modules)} built with MODLEAK_DISABLE (or without the modleak header) in every file, so ${own} own allocations and frees are not logged; taken for an OSAL implementation, since a module of the run built with the header uses its symbols and allocator pairs are declared (${declared}): calls into it are checked where they are made. If it is not one, remove -DMODLEAK_DISABLE from its ccflags.`;
}
