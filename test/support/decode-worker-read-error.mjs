// The read-ahead thread (dist/decode-worker.js) on a file whose reads fail part way, as
// a disk's might (EIO from the fourth read on; read-log.test.ts).
import fs from 'node:fs';

let reads = 0;
const read = fs.readSync;
fs.readSync = (...args) => {
  if (++reads > 3) throw Object.assign(new Error('EIO: i/o error (test)'), { code: 'EIO' });
  return read(...args);
};
await import('../../dist/decode-worker.js');
