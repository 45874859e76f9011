// The read-ahead thread (dist/decode-worker.js) failing part way: it throws when it says
// its third chunk is there (read-log.test.ts).
import { parentPort } from 'node:worker_threads';

let said = 0;
const say = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) => {
  if (message.type === 'chunk' && ++said === 3) throw new Error('the read-ahead thread fails (test)');
  say(message);
};
await import('../../dist/decode-worker.js');
