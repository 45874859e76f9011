// The read-ahead thread's script left beside the CLI by another build (read-log.test.ts):
// the real dist/decode-worker.js, told the main thread speaks another protocol.
import { workerData } from 'node:worker_threads';

workerData.protocol = 'modleak 0.0.1: an older build';
await import('../../dist/decode-worker.js');
