/**
 * `phyclass services`: the built-in catalogue of distributed-learning service profiles
 * (direction, payload sizes, period, radio latency budget, epsilon, 5QI, source clause).
 */
import type { Command } from 'commander';
import type { ServiceProfile } from '../../services/catalogue.js';
import { services } from '../../services/catalogue.js';
import { formatBytes, formatEpsilon, formatMs } from '../../report/table.js';
import { col, emit, outputFormat } from '../output.js';
import type { CommandEnv } from '../program.js';

/** Columns shared by `services` and other commands that list profiles. */
export function serviceColumns(): ReturnType<typeof col<ServiceProfile>>[] {
  return [
    col<ServiceProfile>('id', 'service', (s) => s.id),
    col<ServiceProfile>('direction', 'dir', (s) => s.direction),
    col<ServiceProfile>('minBytes', 'min size', (s) => s.payload.minBytes, (v) => formatBytes(v as number)),
    col<ServiceProfile>('maxBytes', 'max size', (s) => s.payload.maxBytes, (v) => formatBytes(v as number)),
    col<ServiceProfile>('periodMs', 'period ms', (s) => s.periodMs, (v) => formatMs(v as number)),
    col<ServiceProfile>('latencyBudgetMs', 'budget ms', (s) => s.latencyBudgetMs, (v) => formatMs(v as number)),
    col<ServiceProfile>('epsilon', 'epsilon', (s) => s.epsilon, (v) => formatEpsilon(v as number)),
    col<ServiceProfile>('fiveQi', '5QI', (s) => s.fiveQi),
    col<ServiceProfile>('ueCount', 'UEs', (s) => s.ueCount ?? null),
  ];
}

export function registerServices(program: Command, env: CommandEnv): void {
  program
    .command('services')
    .description('list the built-in service profiles (payload, period, radio budget, epsilon, 5QI)')
    .option('--sources', 'add the name and the 3GPP clause each profile comes from')
    .addHelpText('after', '\nExamples:\n  $ phyclass services\n  $ phyclass services --sources --csv > services.csv\n  $ phyclass services --json   # full profiles, including every payload size')
    .action((o: { sources?: boolean }, cmd: Command) => {
      const format = outputFormat(cmd);
      const cols = serviceColumns();
      if (o.sources === true || format === 'csv') {
        cols.push(col<ServiceProfile>('name', 'name', (s) => s.name), col<ServiceProfile>('source', 'source', (s) => s.source));
      }
      emit(env.io, format, { rows: services, columns: cols, json: services });
    });
}
