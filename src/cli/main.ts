import type { Readable, Writable } from 'node:stream';
import { EXIT } from '../report/gate.js';
import { analyzeCommand, versionLine } from './analyze-command.js';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
}

type Command = (args: string[], io: CliIo) => Promise<number>;

const USAGE = `usage: modleak <command> [options]

commands:
  run --module DIR [options]   build DIR against a kernel, boot it in QEMU, exercise it, report
  analyze LOG [options]        match the allocation records in a kernel log (- for stdin)

modleak <command> --help shows a command's options.
exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage or unreadable input,
3 the run itself failed (build error, crash, timeout, incomplete log).
`;

const COMMANDS: Record<string, Command> = {
  analyze: analyzeCommand,
  // Loaded when run: `modleak analyze` then starts without what builds and boots modules
  // (child processes, sockets, hashing; "eager" keeps it in this bundle).
  run: async (args, io) => (await import(/* webpackMode: "eager" */ './run-command.js')).runCommand(args, io),
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.stdout.write(versionLine());
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`modleak: unknown command '${name}'; expected 'run' or 'analyze'.\n\n${USAGE}`);
    return EXIT.usage;
  }
  return command(rest, io);
}
