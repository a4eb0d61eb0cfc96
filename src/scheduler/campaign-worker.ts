/**
 * Worker-thread entry of `runCampaign`: executes its share of a campaign's runs with the same
 * in-process function (`executeRuns`) and posts each run back. Started by campaign.ts from
 * dist/ (plain Node) or from the TypeScript sources with `--import tsx`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { CampaignRunSpec, CampaignSpec } from './campaign.js';
import { executeRuns } from './campaign.js';

const port = parentPort;
if (port !== null) {
  const { spec, runs, progress } = workerData as { spec: CampaignSpec; runs: CampaignRunSpec[]; progress?: boolean };
  const onSlots = progress === true ? (done: number, total: number) => port.postMessage({ kind: 'progress', done, total }) : undefined;
  const r = executeRuns(spec, runs, (run) => port.postMessage({ kind: 'run', run }), onSlots);
  port.postMessage(E.isLeft(r) ? { kind: 'error', message: r.left.message, error: r.left } : { kind: 'done' });
}
