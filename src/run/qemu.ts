import { createWriteStream, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Socket } from 'node:net';
import { execCommand, type ExecResult } from './exec.js';
import { PAYLOAD_PORT, RECORD_PORT } from './init-script.js';

// Launches the guest: serial console on stdout (-> console.log, live lines to the
// caller), records on one virtio-serial port written straight to a file, the payload
// sent into the guest through a second port (a UNIX socket QEMU listens on).

export interface BootRequest {
  image: string;
  initramfs: string;
  consoleLog: string;
  recordLog: string;
  payloadSocket: string;
  memoryMb: number;
  /** Kernel log buffer, sized so a burst of records is not overwritten before the streamer reads it. */
  logBufMb: number;
  accel: 'kvm' | 'tcg';
  /** Keep the kernel's crypto self-tests under TCG (the module registers crypto algorithms). */
  cryptoSelfTests?: boolean;
  onConsoleLine?: (line: string) => void;
}

export interface BootResult {
  exitCode: number | null;
  durationMs: number;
  accel: 'kvm' | 'tcg';
  command: string;
  stderr: string;
  consoleLines: number;
}

export interface Guest {
  /** Sends the payload archive; resolves once it is written to QEMU's socket. */
  deliver(payload: Buffer): Promise<void>;
  /** Kills QEMU (watchdog, or a failed build). */
  kill(): void;
  done: Promise<BootResult>;
}

let kvmVerdict: boolean | undefined;

/**
 * /dev/kvm can exist and still be unusable (no VT-x, nested setups where QEMU aborts
 * setting MSRs): start a paused VM with KVM and quit it through the monitor. The
 * verdict holds until the host reboots, so it is cached under the host's boot id.
 */
export async function kvmUsable(cacheDir?: string): Promise<boolean> {
  if (kvmVerdict !== undefined) return kvmVerdict;
  if (!existsSync('/dev/kvm')) return (kvmVerdict = false);
  let cacheFile: string | undefined;
  try {
    const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (cacheDir && bootId) cacheFile = join(cacheDir, `kvm-${bootId}`);
    if (cacheFile && existsSync(cacheFile)) return (kvmVerdict = readFileSync(cacheFile, 'utf8').trim() === 'usable');
  } catch {
    /* no boot id: probe every time */
  }
  const r = await execCommand('qemu-system-x86_64', ['-accel', 'kvm', '-cpu', 'max', '-S', '-nodefaults', '-display', 'none', '-monitor', 'stdio'], { input: 'quit\n', timeoutMs: 20_000 }, 'Install it: apt-get install qemu-system-x86.');
  kvmVerdict = r.code === 0;
  if (cacheFile) writeFileSync(cacheFile, kvmVerdict ? 'usable\n' : `unusable: ${r.stderr.trim().split('\n').pop() ?? ''}\n`);
  return kvmVerdict;
}

export type CommandLineRequest = Pick<BootRequest, 'logBufMb' | 'accel' | 'cryptoSelfTests'>;

export function kernelCommandLine(req: CommandLineRequest): string {
  const words = ['console=ttyS0', 'panic=-1', 'loglevel=4', `log_buf_len=${req.logBufMb}M`, 'printk.devkmsg=on'];
  // Under TCG only (emulation is where they cost; under KVM the kernel's defaults stay):
  // - the virtio-serial device, the guest's only PCI device, takes its interrupt from the
  //   BIOS's routing table (pci=noacpi) instead of through the ACPI interpreter, a quarter
  //   second of boot; nomsi because 6.1 warns setting up MSI without ACPI;
  // - the crypto manager does not test every algorithm the kernel registers (half a
  //   second of boot), unless the module registers algorithms of its own: their tests
  //   exercise the module.
  if (req.accel === 'tcg') {
    words.push('pci=noacpi,nomsi');
    if (!req.cryptoSelfTests) words.push('cryptomgr.notests');
  }
  return words.join(' ');
}

export function qemuArgs(req: BootRequest): string[] {
  return [
    '-accel', req.accel,
    '-cpu', 'max',
    '-m', `${req.memoryMb}M`,
    '-smp', '1',
    '-nodefaults', '-no-user-config', '-no-reboot',
    '-display', 'none',
    '-serial', 'stdio',
    '-monitor', 'none',
    '-kernel', req.image,
    '-initrd', req.initramfs,
    '-append', kernelCommandLine(req),
    '-device', 'virtio-serial-pci,id=modleakser',
    '-chardev', `file,id=modleakrec,path=${req.recordLog}`,
    '-device', `virtserialport,bus=modleakser.0,chardev=modleakrec,name=${RECORD_PORT}`,
    '-chardev', `socket,id=modleakpay,path=${req.payloadSocket},server=on,wait=off`,
    '-device', `virtserialport,bus=modleakser.0,chardev=modleakpay,name=${PAYLOAD_PORT}`,
  ];
}

export function startGuest(req: BootRequest): Guest {
  rmSync(req.payloadSocket, { force: true });
  const console = createWriteStream(req.consoleLog);
  const abort = new AbortController();
  let consoleLines = 0;
  let exited = false;
  let socket: Socket | undefined;
  const started = Date.now();
  const run: Promise<ExecResult> = execCommand('qemu-system-x86_64', qemuArgs(req), {
    signal: abort.signal,
    maxCapture: 64 * 1024,
    onStdoutLine: (line) => {
      consoleLines++;
      console.write(line + '\n');
      req.onConsoleLine?.(line);
    },
  }, 'Install it: apt-get install qemu-system-x86.');
  const done = run
    .then((r) => ({ exitCode: r.code, durationMs: Date.now() - started, accel: req.accel, command: r.command, stderr: r.stderr, consoleLines }))
    .finally(async () => {
      exited = true;
      socket?.destroy();
      rmSync(req.payloadSocket, { force: true });
      await new Promise<void>((resolve) => console.end(resolve));
    });

  const connect = (): Promise<Socket> =>
    new Promise((resolve, reject) => {
      const s = createConnection(req.payloadSocket);
      s.once('connect', () => resolve(s));
      s.once('error', reject);
    });

  return {
    async deliver(payload: Buffer) {
      // QEMU creates the socket at start-up; wait for it, but not past QEMU's exit.
      for (let i = 0; ; i++) {
        if (exited) throw new Error('QEMU exited before the module could be sent to the guest');
        try {
          socket = await connect();
          break;
        } catch (e) {
          if (i > 400) throw new Error(`cannot connect to QEMU's payload socket ${req.payloadSocket}: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, 25));
        }
      }
      socket.on('error', () => undefined);
      // The connection stays open until QEMU exits: closing it could drop bytes the guest has not read yet.
      await new Promise<void>((resolve, reject) => {
        socket!.write(Buffer.concat([Buffer.from(`MODLEAK-PAYLOAD ${payload.length}\n`), payload]), (err) => (err ? reject(err) : resolve()));
      });
    },
    kill: () => abort.abort(),
    done,
  };
}
