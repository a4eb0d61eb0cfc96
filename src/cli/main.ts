#!/usr/bin/env node
/**
 * `phyclass` executable: the only impure edge of the SDK. Runs the command line on the real
 * process streams and exits with the CLI's code (0 ok, 1 requirement not met, 2 bad input,
 * 3 internal error). The program is imported only after the failure handlers are installed, so
 * even a module that fails to load ends in one line on stderr, never a stack trace.
 */
import { EXIT_INTERNAL, messageOf, oneLine } from './errors.js';
import { processIo } from './io.js';

function die(e: unknown): void {
  process.stderr.write(`phyclass: internal error (please report): ${oneLine(messageOf(e))}\n`);
  process.exit(EXIT_INTERNAL);
}

process.on('uncaughtException', die);
process.on('unhandledRejection', die);
// `phyclass ... | head` closes the pipe early: stop quietly instead of crashing.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  die(e);
});

import('./program.js')
  .then(({ runCli }) => runCli(process.argv.slice(2), processIo()))
  .then((code) => {
    process.exitCode = code;
  }, die);
