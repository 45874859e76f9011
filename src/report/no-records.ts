// The warning for a log without a single allocation or free record: what it suggests
// depends on whether modleak built the module with its header itself.

/** `modules`: the modules the log names (markers or records); `headerInjected`: `modleak run` built them with the header. */
export function noRecordsMessage(modules: readonly string[], headerInjected: boolean): string {
  if (!headerInjected) {
    return 'the log holds no modleak1 allocation or free records: was the module built with the modleak header (KCFLAGS="-include header/modleak.h")?';
  }
  if (modules.length === 0) {
    return 'the log holds no modleak1 record at all, not even the BEGIN/END markers the guest writes around loading and unloading the module';
  }
  return `module ${modules.join(', ')} logged BEGIN/END but no allocation or free: nothing to match (modleak run built it with the header, so the module made no call the header wraps)`;
}
