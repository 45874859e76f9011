import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { StringDecoder } from 'node:string_decoder';

// The one place that starts processes: kbuild, cpio, depmod, QEMU, apt-get all come
// through here, so timeouts, missing programs and output capture behave the same.

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Kill the process group with SIGKILL after this long; the result says timedOut. */
  timeoutMs?: number;
  /** Written to stdin, which is then closed. Without it stdin is /dev/null. */
  input?: string | Buffer;
  /** Called with each complete stdout/stderr line as it arrives (live progress, streaming). */
  onStdoutLine?: (line: string) => void;
  onStderrLine?: (line: string) => void;
  /** Keep at most this many bytes of each stream in the result (the tail). Default 4 MiB. */
  maxCapture?: number;
  /** Aborting kills the process group. */
  signal?: AbortSignal;
  /** Run at this nice value (its children inherit it): work that must not slow a guest booting meanwhile. */
  niceness?: number;
}

export interface ExecResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export class CommandNotFoundError extends Error {
  constructor(readonly program: string, readonly hint: string) {
    super(`${program} was not found on PATH. ${hint}`);
    this.name = 'CommandNotFoundError';
  }
}

export function commandLine(program: string, args: readonly string[]): string {
  return [program, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs a program to completion. Never rejects for a non-zero exit or a timeout (the
 * caller classifies those); rejects with CommandNotFoundError when the program is missing.
 */
export function execCommand(program: string, args: readonly string[], options: ExecOptions = {}, missingHint = ''): Promise<ExecResult> {
  const maxCapture = options.maxCapture ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    if (options.niceness !== undefined && child.pid !== undefined) {
      try {
        setPriority(child.pid, options.niceness);
      } catch {
        // Only a scheduling hint: the command runs at normal priority.
      }
    }
    const out = new TailBuffer(maxCapture, options.onStdoutLine);
    const err = new TailBuffer(maxCapture, options.onStderrLine);
    let timedOut = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    const onAbort = () => killGroup();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
    if (options.input !== undefined) child.stdin!.end(options.input);

    child.on('error', (e: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (e.code === 'ENOENT') reject(new CommandNotFoundError(program, missingHint));
      else reject(e);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ command: commandLine(program, args), code, signal, stdout: out.end(), stderr: err.end(), timedOut });
    });
  });
}

/** Keeps the tail of a stream and hands out whole lines as they complete. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private partial = '';
  // A character split between two reads (a driver's non-ASCII pr_info) is decoded whole.
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly max: number, private readonly onLine?: (line: string) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.max && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
    if (this.onLine) {
      const lines = (this.partial + this.decoder.write(chunk)).split('\n');
      this.partial = lines.pop()!;
      for (const line of lines) this.onLine(line.replace(/\r$/, ''));
    }
  }

  end(): string {
    if (this.onLine) {
      const rest = this.partial + this.decoder.end();
      if (rest) this.onLine(rest);
    }
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.max)).toString('utf8');
  }
}
