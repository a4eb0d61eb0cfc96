/** The list of `phyclass` commands, in help order. Each module registers one command. */
import type { RegisterCommand } from '../program.js';
import { registerBler } from './bler.js';
import { registerCampaign } from './campaign.js';
import { registerClasses } from './classes.js';
import { registerCodesign } from './codesign.js';
import { registerExport } from './export.js';
import { registerLatency } from './latency.js';
import { registerPlan } from './plan.js';
import { registerReport } from './report.js';
import { registerServe } from './serve.js';
import { registerServices } from './services.js';
import { registerSimulate } from './simulate.js';
import { registerTable1 } from './table1.js';
import { registerTbs } from './tbs.js';

export const COMMANDS: readonly RegisterCommand[] = [
  registerClasses,
  registerPlan,
  registerCodesign,
  registerServices,
  registerTable1,
  registerTbs,
  registerBler,
  registerLatency,
  registerSimulate,
  registerCampaign,
  registerReport,
  registerExport,
  registerServe,
];
