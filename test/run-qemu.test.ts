import { describe, expect, it } from 'vitest';
import { kernelCommandLine, qemuArgs } from '../src/run/qemu.js';

// The guest's kernel command line and QEMU's arguments; booting them is run-pipeline's job.

describe('kernel command line', () => {
  it('keeps the records flowing on both accelerators: a big printk buffer, /dev/kmsg writable without rate limit', () => {
    for (const accel of ['tcg', 'kvm'] as const) {
      const words = kernelCommandLine({ logBufMb: 16, accel }).split(' ');
      expect(words).toEqual(expect.arrayContaining(['console=ttyS0', 'panic=-1', 'log_buf_len=16M', 'printk.devkmsg=on']));
    }
  });

  it('routes the PCI interrupt without ACPI under emulation only', () => {
    expect(kernelCommandLine({ logBufMb: 16, accel: 'tcg' }).split(' ')).toContain('pci=noacpi,nomsi');
    expect(kernelCommandLine({ logBufMb: 16, accel: 'kvm' })).not.toContain('pci=');
  });

  it('skips the crypto self-tests under emulation, unless the module registers algorithms', () => {
    expect(kernelCommandLine({ logBufMb: 16, accel: 'tcg' }).split(' ')).toContain('cryptomgr.notests');
    expect(kernelCommandLine({ logBufMb: 16, accel: 'tcg', cryptoSelfTests: true })).not.toContain('cryptomgr');
    expect(kernelCommandLine({ logBufMb: 16, accel: 'kvm' })).not.toContain('cryptomgr');
  });

  it('is what QEMU is given', () => {
    const args = qemuArgs({ accel: 'kvm', memoryMb: 1024, logBufMb: 16, image: '/k', initramfs: '/i', recordLog: '/r', payloadSocket: '/s', consoleLog: '/c' });
    expect(args[args.indexOf('-append') + 1]).toBe(kernelCommandLine({ logBufMb: 16, accel: 'kvm' }));
    expect(args).toEqual(expect.arrayContaining(['-no-reboot', '-kernel', '/k', '-initrd', '/i', '-accel', 'kvm']));
  });
});
