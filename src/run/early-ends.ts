import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { unloadMarker } from './init-script.js';

// An END marker in the record log before run.sh said it was unloading the modules was not
// the runner's: the test script (or the module) wrote it. The matcher takes it as any END
// (leaks counted there, frees after it invalid); the run says where it came from.

export interface EarlyEnd {
  module: string;
  /** Its line in the record log. */
  logLine: number;
}

const END = /^modleak1 (\S+) END$/;

/** Reads record log lines in order until the run's unloading message. */
export class EarlyEndScanner {
  private readonly marker: string;
  private readonly found = new Map<string, number>();
  private lineNo = 0;
  /** The unloading message was seen: the result is final. */
  done = false;

  constructor(runId: string) {
    this.marker = unloadMarker(runId);
  }

  line(raw: string): void {
    if (this.done) return;
    this.lineNo++;
    const message = raw.slice(raw.indexOf(';') + 1).trim();
    if (message === this.marker) {
      this.done = true;
      return;
    }
    const end = END.exec(message);
    if (end && !this.found.has(end[1]!)) this.found.set(end[1]!, this.lineNo);
  }

  /** The first END of each module before the unloading message; none when that message never came. */
  result(): EarlyEnd[] {
    return this.done ? [...this.found].map(([module, logLine]) => ({ module, logLine })) : [];
  }
}

export async function readEarlyEnds(recordLog: string, runId: string): Promise<EarlyEnd[]> {
  const scanner = new EarlyEndScanner(runId);
  const lines = createInterface({ input: createReadStream(recordLog), crlfDelay: Infinity });
  for await (const line of lines) {
    scanner.line(line);
    if (scanner.done) break;
  }
  lines.close();
  return scanner.result();
}
