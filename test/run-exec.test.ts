import { describe, expect, it } from 'vitest';
import { CommandNotFoundError, execCommand } from '../src/run/exec.js';

// Real processes: the one wrapper every program modleak starts goes through.
describe('execCommand', () => {
  it('hands out whole lines, a UTF-8 character split between two writes decoded whole', async () => {
    // "é" is 0xc3 0xa9: the child writes its first byte, waits, then the rest of the line.
    const script = "process.stdout.write(Buffer.from([0x63, 0x61, 0x66, 0xc3])); setTimeout(() => process.stdout.write(Buffer.from([0xa9, 0x0a, 0x74, 0x61, 0x69, 0x6c])), 200);";
    const lines: string[] = [];
    const r = await execCommand(process.execPath, ['-e', script], { onStdoutLine: (line) => lines.push(line) });
    expect(lines).toEqual(['café', 'tail']);
    expect(r.stdout).toBe('café\ntail');
    expect([r.code, r.timedOut]).toEqual([0, false]);
  });

  it('reports a timeout and a missing program the caller can tell apart', async () => {
    const slow = await execCommand('sleep', ['5'], { timeoutMs: 100 });
    expect([slow.timedOut, slow.signal]).toEqual([true, 'SIGKILL']);
    await expect(execCommand('modleak-no-such-program', [], {}, 'install it')).rejects.toBeInstanceOf(CommandNotFoundError);
  });
});
