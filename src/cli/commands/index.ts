/** The list of `phyclass` commands, in help order. Each module registers one command. */
import type { RegisterCommand } from '../program.js';
import { registerBler } from './bler.js';
import { registerLatency } from './latency.js';
import { registerServices } from './services.js';
import { registerTable1 } from './table1.js';
import { registerTbs } from './tbs.js';

export const COMMANDS: readonly RegisterCommand[] = [registerServices, registerTable1, registerTbs, registerBler, registerLatency];
