import { basename } from 'node:path';
import { execCommand } from './exec.js';

// Unpacks a file in place by its suffix, with the distribution's own tools: kernel
// modules shipped as .ko.xz / .ko.zst / .ko.gz, and a bzImage's compressed kernel.

const TOOLS: { suffix: RegExp; program: string; args: (input: string, output: string) => string[]; pkg: string }[] = [
  { suffix: /\.xz$/, program: 'xz', args: (i) => ['-d', '-f', i], pkg: 'xz-utils' },
  { suffix: /\.lzma$/, program: 'xz', args: (i) => ['-d', '-f', '--format=lzma', i], pkg: 'xz-utils' },
  { suffix: /\.zst$/, program: 'zstd', args: (i) => ['-d', '-q', '-f', '--rm', i], pkg: 'zstd' },
  // lz4 writes the kernel's legacy frames to stdout unless told the output file.
  { suffix: /\.lz4$/, program: 'lz4', args: (i, o) => ['-d', '-q', '-f', '--rm', i, o], pkg: 'lz4' },
  { suffix: /\.gz$/, program: 'gzip', args: (i) => ['-d', '-f', i], pkg: 'gzip' },
  { suffix: /\.bz2$/, program: 'bzip2', args: (i) => ['-d', '-f', i], pkg: 'bzip2' },
];

/** Unpacks `path` if its suffix names a compression, removing the compressed file; returns the new base name. */
export async function decompressInPlace(path: string): Promise<string> {
  const tool = TOOLS.find((t) => t.suffix.test(path));
  if (!tool) return basename(path);
  const r = await execCommand(tool.program, tool.args(path, path.replace(tool.suffix, '')), {}, `Install it to unpack ${basename(path)}: apt-get install ${tool.pkg}.`);
  if (r.code !== 0) throw new Error(`${tool.program} could not unpack ${path}: ${r.stderr.trim()}`);
  return basename(path).replace(tool.suffix, '');
}
