// The read-ahead thread's entry (bundled to dist/decode-worker.js): see
// parse/decode-thread.ts.
import { readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkDecoder } from './parse/decoded-chunk.js';
import { LocalDecoding } from './parse/decoded-slots.js';
import { readAhead, type DecodeWorkerData } from './parse/decode-thread.js';
import { warmUpChunks } from './warm-up.js';

// The same warm-up as the main thread's (see warm-up.ts), for this thread's own compiled code.
const warm = new LocalDecoding();
for (const chunk of warmUpChunks()) warm.decode(chunk);

readAhead(
  workerData as DecodeWorkerData,
  (message) => parentPort!.postMessage(message),
  (fd, into, position) => readSync(fd, into, 0, into.length, position),
  new ChunkDecoder(),
);
