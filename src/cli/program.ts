/**
 * The `phyclass` command-line program: builds the commander tree, runs it, and turns every
 * failure into an exit code and at most one line on stderr (no stack trace ever reaches a user).
 */
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK, CliInputError, messageOf, oneLine } from './errors.js';
import type { CliIo } from './io.js';
import { COMMANDS } from './commands/index.js';
import { safeIo } from './safe.js';
import { PHYCLASS_VERSION } from '../core/version.js';

/** What a command's action can reach: the outside world and the exit code of the run. */
export interface CommandEnv {
  readonly io: CliIo;
  /** Raise the run's exit code (the highest code set wins). */
  readonly setExitCode: (code: number) => void;
}

/** A command module registers itself on the program. */
export type RegisterCommand = (program: Command, env: CommandEnv) => void;

const VERSION = PHYCLASS_VERSION;

const EXAMPLES = `
Examples:
  $ phyclass classes                         # verified class table for the built-in services
  $ phyclass classes --bandwidth "20 MHz" --snr "15 dB" --max-classes 4
  $ phyclass plan v2x.cooperative_perception_features --json
  $ phyclass classify teleop.uplink_features "25 kB"
  $ phyclass tbs --mcs 27 --prb 273 --symbols 12 --table qam256
  $ phyclass bler --mcs 10 --snr "6 dB" --size "1000 bit"
  $ phyclass latency --direction UL --grant configured --mu 1 --tti 2
  $ echo '{"mcs":5,"nPrb":10,"nSymbols":12}' | phyclass tbs --batch
  $ phyclass simulate examples/scenarios/mixed.json --slots 20000
  $ phyclass campaign examples/scenarios/mixed.json --seeds 1..4 --policies priority,edf+preemption
  $ phyclass report --out report/

Output: an aligned table by default; --json or --csv on every command.
Exit codes: 0 ok, 1 requirement not met or infeasible, 2 bad input (one line on stderr), 3 internal error.`;

/** Build the program (a fresh tree per run; commander keeps parse state on the objects). `commands`: the commands to register (default all). */
export function buildProgram(env: CommandEnv, commands: readonly RegisterCommand[] = COMMANDS): Command {
  const program = new Command('phyclass');
  program
    .description('Classify distributed-learning (split-DNN) packets per service and map each class onto a 5G NR PHY configuration proven to meet its reliability and latency target.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--json', 'print JSON (the library result objects)')
    .option('--csv', 'print CSV (RFC 4180)')
    .helpOption('-h, --help', 'show help for a command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.io.stdout(s),
      writeErr: (s) => env.io.stderr(s),
      // Errors are printed once, as one line, by runCli.
      outputError: () => undefined,
    })
    .addHelpText('after', EXAMPLES);
  for (const register of commands) register(program, env);
  return program;
}

/**
 * Run the CLI on `argv` (without the node and script paths); resolves to the exit code.
 * `opts.commands` registers only those commands (in-process fuzzing of one command: the tree is
 * rebuilt per run, and building every command's options each time dominates a bad-input run).
 */
export async function runCli(argv: readonly string[], rawIo: CliIo, opts: { readonly commands?: readonly RegisterCommand[] } = {}): Promise<number> {
  const io = safeIo(rawIo); // no control character or bidi override a user typed reaches the terminal
  let exitCode = EXIT_OK;
  const env: CommandEnv = {
    io,
    setExitCode: (code) => {
      exitCode = Math.max(exitCode, code);
    },
  };
  const program = buildProgram(env, opts.commands);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_OK;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    return reportFailure(e, io);
  }
}

/** One line on stderr and the exit code for any failure. */
export function reportFailure(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    if (e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT_OK;
    if (e.code === 'commander.help') return EXIT_BAD_INPUT; // help already shown for a missing sub-command
    io.stderr(`phyclass: ${oneLine(e.message.replace(/^error:\s*/i, ''))}\n`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof CliInputError) {
    io.stderr(`phyclass: ${oneLine(e.message)}\n`);
    return EXIT_BAD_INPUT;
  }
  io.stderr(`phyclass: internal error (please report): ${oneLine(messageOf(e))}\n`);
  return EXIT_INTERNAL;
}
