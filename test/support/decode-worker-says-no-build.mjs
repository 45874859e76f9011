// A read-ahead thread's script from before it said its build (read-log.test.ts): the real
// dist/decode-worker.js with its hello left out, so it takes the reading over unasked.
import { parentPort } from 'node:worker_threads';

const say = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message) => {
  if (message.type !== 'hello') say(message);
};
await import('../../dist/decode-worker.js');
