import { closeSync, existsSync, openSync, readSync } from 'node:fs';

// Live "N events captured" while the guest runs: reads what QEMU appended to the
// record file since the last look and counts modleak records.

export function watchRecords(path: string, onCount: (events: number) => void, everyMs = 2000): () => number {
  let offset = 0;
  let events = 0;
  let last = -1;
  const chunk = Buffer.alloc(1 << 20);
  const needle = Buffer.from('modleak1 ');
  const poll = () => {
    if (!existsSync(path)) return;
    const fd = openSync(path, 'r');
    try {
      for (;;) {
        const n = readSync(fd, chunk, 0, chunk.length, offset);
        if (n <= 0) break;
        // Stop at the last newline so a record split across reads is counted once.
        let end = chunk.lastIndexOf(10, n - 1) + 1;
        if (end === 0) {
          if (n < chunk.length) break;
          end = n;
        }
        for (let i = chunk.indexOf(needle, 0); i >= 0 && i < end; i = chunk.indexOf(needle, i + needle.length)) events++;
        offset += end;
        if (n < chunk.length) break;
      }
    } finally {
      closeSync(fd);
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
