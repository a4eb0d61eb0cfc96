/** The list of `phyclass` commands, in help order. Each module registers one command. */
import type { RegisterCommand } from '../program.js';
import { registerTbs } from './tbs.js';

export const COMMANDS: readonly RegisterCommand[] = [registerTbs];
