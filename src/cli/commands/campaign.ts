/**
 * `phyclass campaign <scenario.json>`: a parameter sweep of one scenario (policies × UE counts ×
 * seeds) through the library's `runCampaign` (issue 6 item 6), on worker threads, with the merged
 * per (policy, UE count, service) miss ratio and its Wilson 95 % interval pooled over the seeds.
 * `--shard i/N` runs only the runs k with k mod N = i, so a cluster batch system can spread a
 * sweep; `phyclass campaign merge <part.json...>` checks that the parts' `--json` outputs are the
 * N shards of one sweep and merges them with `mergeCampaignRuns` — the result is byte-identical to
 * the unsharded run's `--json`, whatever the shard or worker counts.
 *
 * Exit 1 when the sweep is complete (no shard, or a merge) and some merged row's miss ratio is
 * above its epsilon with confidence (the same rule as `simulate`); a single shard's rows are
 * partial, so a shard exits 0 whenever it ran (batch systems read non-zero as a failed job).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from 'commander';
import { POLICY_NAMES, type PolicyName } from '../../scheduler/policies.js';
import type { CampaignResult, CampaignRun, MergedServiceRow } from '../../scheduler/campaign.js';
import { MAX_CAMPAIGN_RUNS, MAX_SLOTS, MAX_SWEEP_VALUES, MAX_UES_PER_SERVICE, SEED } from '../../core/ranges.js';
import { formatEpsilon } from '../../report/table.js';
import { parseChoice, parseIntArg, parseJsonText } from '../args.js';
import { readInput } from '../context.js';
import { EXIT_UNMET, badInput } from '../errors.js';
import { progressBar } from '../progress.js';
import { checkOutputDir, fsCall, writeFileAtomic } from '../files.js';
import { shardFromEnvironment } from '../shard.js';
import { join } from 'node:path';
import { col, emit, outputFormat, toJsonText } from '../output.js';
import type { CommandEnv } from '../program.js';

/** At most this many values in one `--seeds` / `--ues` list (ranges included). */
const MAX_LIST = MAX_SWEEP_VALUES;

type Target = 'met' | 'missed' | 'inconclusive' | 'n/a';

/** The verdict of a merged row, by the rule of the simulator's per-service `target`. */
export function mergedTarget(m: MergedServiceRow): Target {
  if (m.epsilon === null) return 'n/a';
  if (m.decided === 0) return 'inconclusive';
  return m.missCi.upper <= m.epsilon ? 'met' : m.missCi.lower > m.epsilon ? 'missed' : 'inconclusive';
}

/**
 * A list of integers: `1..10`, `1,2,4`, or both (`1..3,7`). Empty ranges, duplicates and more
 * than 100,000 values are bad input.
 */
export function parseIntList(option: string, text: string, min: number, max: number): number[] {
  const out: number[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') return badInput(`${option}: expected a list such as 1..10 or 1,2,4, got ${JSON.stringify(text)}`);
    const m = /^(.+?)\.\.(.+)$/.exec(part);
    if (m === null) {
      out.push(parseIntArg(option, part, min, max));
    } else {
      const a = parseIntArg(option, m[1] ?? '', min, max);
      const b = parseIntArg(option, m[2] ?? '', min, max);
      if (b < a) return badInput(`${option}: empty range ${part} (expected a..b with a <= b)`);
      if (b - a + 1 + out.length > MAX_LIST) return badInput(`${option}: more than ${MAX_LIST} values in ${JSON.stringify(text)}`);
      for (let x = a; x <= b; x++) out.push(x);
    }
    if (out.length > MAX_LIST) return badInput(`${option}: more than ${MAX_LIST} values in ${JSON.stringify(text)}`);
  }
  noDuplicates(option, out);
  return out;
}

function noDuplicates(option: string, xs: readonly (string | number)[]): void {
  const seen = new Set<string | number>();
  for (const x of xs) {
    if (seen.has(x)) badInput(`${option}: ${String(x)} is listed twice (each value is one axis point of the sweep)`);
    seen.add(x);
  }
}

/** `edf,priority+preemption`: scheduler policy names. */
export function parsePolicyList(text: string): PolicyName[] {
  const out = text.split(',').map((p) => parseChoice('--policies', p, POLICY_NAMES));
  noDuplicates('--policies', out);
  return out;
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
const isInt = (u: unknown, min = 0): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min;

/** The fields of a run that merging reads, checked so a hand-edited or truncated part is bad input, not a crash. */
function checkRun(u: unknown, where: string): CampaignRun {
  if (!isObj(u)) return badInput(`${where}: expected a run object`);
  if (!isInt(u['index'])) return badInput(`${where}.index: expected an integer >= 0`);
  if (!isInt(u['seed'], SEED.min) || (u['seed'] as number) > SEED.max) return badInput(`${where}.seed: expected an integer`);
  if (!(u['ueCount'] === null || isInt(u['ueCount'], 1))) return badInput(`${where}.ueCount: expected an integer >= 1 or null`);
  if (!(u['policy'] === null || typeof u['policy'] === 'string')) return badInput(`${where}.policy: expected a policy name or null`);
  const rep = u['report'];
  if (!isObj(rep)) return badInput(`${where}.report: expected the run's report object`);
  if (typeof rep['policy'] !== 'string' || typeof rep['name'] !== 'string' || !isInt(rep['slots'], 1)) {
    return badInput(`${where}.report: expected name, policy and slots`);
  }
  const svcs = rep['services'];
  if (!Array.isArray(svcs)) return badInput(`${where}.report.services: expected an array`);
  svcs.forEach((s: unknown, j) => {
    const w = `${where}.report.services[${j}]`;
    if (!isObj(s) || typeof s['id'] !== 'string') badInput(`${w}: expected a service report with an id`);
    const d = s['decided'];
    const ok = s['deliveredOnTime'];
    if (!isInt(d) || !isInt(ok) || ok > d) badInput(`${w}: expected integers 0 <= deliveredOnTime <= decided`);
    if (!(s['epsilon'] === null || (typeof s['epsilon'] === 'number' && s['epsilon'] >= 0 && s['epsilon'] <= 1))) badInput(`${w}.epsilon: expected a number in [0, 1] or null`);
  });
  return u as unknown as CampaignRun;
}

interface Part {
  readonly source: string;
  readonly version: string;
  readonly fingerprint: string;
  readonly index: number;
  readonly count: number;
  readonly totalRuns: number;
  readonly runs: readonly CampaignRun[];
}

/** One `campaign --json` output (a CampaignResult), checked. */
function checkPart(source: string, u: unknown): Part {
  if (!isObj(u) || !isObj(u['shard']) || !Array.isArray(u['runs'])) {
    return badInput(`${source}: expected the --json output of 'phyclass campaign' (an object with shard, totalRuns and runs)`);
  }
  const { index, count } = u['shard'];
  if (!isInt(count, 1) || !isInt(index) || index >= count) return badInput(`${source}: shard: expected {index, count} with 0 <= index < count`);
  const totalRuns = u['totalRuns'];
  if (!isInt(totalRuns) || totalRuns > MAX_CAMPAIGN_RUNS) return badInput(`${source}: totalRuns: expected an integer in 0..${MAX_CAMPAIGN_RUNS}`);
  const version = u['version'];
  const fingerprint = u['fingerprint'];
  if (typeof version !== 'string' || typeof fingerprint !== 'string' || !/^[0-9a-f]{64}$/.test(fingerprint)) {
    return badInput(`${source}: no version and sha256 fingerprint (a part written by phyclass before 0.1.0's fingerprints, or edited): rerun the shard`);
  }
  const runs = u['runs'].map((r: unknown, i) => checkRun(r, `${source}: runs[${i}]`));
  const expected = totalRuns > index ? Math.ceil((totalRuns - index) / count) : 0;
  for (const r of runs) {
    if (r.index >= totalRuns || r.index % count !== index) return badInput(`${source}: run ${r.index} does not belong to shard ${index}/${count} of ${totalRuns} runs`);
  }
  if (runs.length !== expected) return badInput(`${source}: shard ${index}/${count} of ${totalRuns} runs should hold ${expected} runs, holds ${runs.length}`);
  return { source, version, fingerprint, index, count, totalRuns, runs };
}

/**
 * Check that the parts are exactly the N shards of one sweep and merge them: the runs, sorted by
 * run number, form the policy × UE count × seed grid `campaignRuns` would number, with one scenario
 * name and one slot count; then `mergeCampaignRuns`.
 */
async function mergeParts(parts: readonly Part[]): Promise<CampaignResult> {
  const { campaignRuns, mergeCampaignRuns } = await import('../../scheduler/campaign.js');
  const first = parts[0];
  if (first === undefined) return badInput('merge: give the --json outputs of every shard');
  for (const p of parts) {
    if (p.version !== first.version) {
      return badInput(`${p.source}: written by phyclass ${p.version}, but ${first.source} by ${first.version}: parts from different campaigns (versions) are not merged`);
    }
    if (p.fingerprint !== first.fingerprint) {
      return badInput(`${p.source}: fingerprint ${p.fingerprint.slice(0, 12)} differs from ${first.source}'s ${first.fingerprint.slice(0, 12)}: parts from different campaigns (scenario, axes, slots or version differ)`);
    }
  }
  const byShard = new Map<number, string>();
  for (const p of parts) {
    if (p.count !== first.count || p.totalRuns !== first.totalRuns) {
      return badInput(`${p.source}: shard ${p.index}/${p.count} of ${p.totalRuns} runs is not from the sweep of ${first.source} (shard ${first.index}/${first.count} of ${first.totalRuns} runs)`);
    }
    const dup = byShard.get(p.index);
    if (dup !== undefined) return badInput(`${p.source}: shard ${p.index}/${p.count} given twice (also ${dup})`);
    byShard.set(p.index, p.source);
  }
  const missing = Array.from({ length: first.count }, (_, i) => i).filter((i) => !byShard.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 8).map((i) => `${i}/${first.count}`).join(', ');
    return badInput(`missing shard${missing.length === 1 ? '' : 's'} ${shown}${missing.length > 8 ? ', ...' : ''}: merge needs every part of the sweep`);
  }
  const runs = parts.flatMap((p) => p.runs).sort((a, b) => a.index - b.index);
  // The grid: distinct values in run order rebuild the sweep's axes; campaignRuns must number it identically.
  const distinct = <A>(xs: readonly A[]): A[] => [...new Set(xs)];
  const pols = distinct(runs.map((r) => r.policy));
  const ues = distinct(runs.map((r) => r.ueCount));
  const seeds = distinct(runs.map((r) => r.seed));
  const grid = campaignRuns({
    scenario: null,
    seeds,
    ...(pols.length === 1 && pols[0] === null ? {} : { policies: pols as PolicyName[] }),
    ...(ues.length === 1 && ues[0] === null ? {} : { ueCounts: ues as number[] }),
  });
  const name = runs[0]?.report.name;
  const slots = runs[0]?.report.slots;
  runs.forEach((r, i) => {
    const g = grid[i];
    if (g === undefined || g.index !== r.index || g.seed !== r.seed || g.ueCount !== r.ueCount || g.policy !== r.policy) {
      badInput(`run ${r.index} (policy ${r.policy ?? 'of the scenario'}, UEs ${r.ueCount ?? 'of the scenario'}, seed ${r.seed}) does not fit one policy x UE x seed sweep: are the parts from different campaigns?`);
    }
    if (r.report.name !== name || r.report.slots !== slots) {
      badInput(`run ${r.index}: scenario "${r.report.name}" with ${r.report.slots} slots, but run ${runs[0]?.index ?? 0} has "${String(name)}" with ${String(slots)} slots: parts from different campaigns`);
    }
  });
  if (grid.length !== runs.length) return badInput(`the parts hold ${runs.length} runs, but their axes span ${grid.length}: are the parts from different campaigns?`);
  return { version: first.version, fingerprint: first.fingerprint, shard: { index: 0, count: 1 }, totalRuns: first.totalRuns, runs, merged: mergeCampaignRuns(runs) };
}

/** `3-of-8` with the index zero-padded to the width of N-1 (part files sort in shard order). */
export function partLabel(s: { readonly index: number; readonly count: number }): string {
  const w = String(Math.max(0, s.count - 1)).length;
  return `${String(s.index).padStart(w, '0')}-of-${s.count}`;
}

/** Merge arguments: files as given; a directory stands for its part-*.json files in name order. */
async function expandPartArgs(env: CommandEnv, args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    const info = a === '-' || env.io.statPath === undefined ? undefined : await env.io.statPath(a).catch(() => undefined);
    const isDir = info !== undefined && (info.kind === 'dir' || (info.kind === 'symlink' && info.realPath !== undefined && (await env.io.statPath!(`${info.realPath}`).then((x) => x.kind === 'dir', () => false))));
    if (!isDir || env.io.listDir === undefined) {
      out.push(a);
      continue;
    }
    const names = (await fsCall(a, 'list the directory', () => env.io.listDir!(a))).filter((n) => /^part-.*\.json$/.test(n)).sort();
    if (names.length === 0) return badInput(`${a}: no part-*.json files (write parts with 'phyclass campaign ... --shard i/N --out ${a}')`);
    out.push(...names.map((n) => join(a, n)));
  }
  return out;
}

/** Print a campaign result (a shard, a whole sweep, or a merge) and set exit 1 on a confident miss of a complete sweep. */
function emitResult(env: CommandEnv, cmd: Command, res: CampaignResult, what: string): void {
  const complete = res.shard.count === 1 && res.runs.length === res.totalRuns;
  if (complete && res.merged.some((m) => mergedTarget(m) === 'missed')) env.setExitCode(EXIT_UNMET);
  const first = res.runs[0]?.report;
  const name = first?.name ?? 'campaign';
  const footer: string[] = [];
  if (res.shard.count > 1) footer.push(`note: shard ${res.shard.index}/${res.shard.count} holds runs k with k mod ${res.shard.count} = ${res.shard.index}; its rows are partial. Merge the --json outputs of all ${res.shard.count} shards with 'phyclass campaign merge'.`);
  footer.push('miss: deadline misses pooled over the seeds, with the Wilson 95 % interval; target as in simulate (met: CI high <= epsilon, missed: CI low > epsilon).');
  emit(env.io, outputFormat(cmd), {
    rows: res.merged,
    json: res,
    title: `${name}: ${what}: ${res.runs.length} of ${res.totalRuns} runs${res.shard.count > 1 ? ` (shard ${res.shard.index}/${res.shard.count})` : ''}${first === undefined ? '' : `, ${first.slots} slots each`}`,
    footer,
    columns: [
      col<MergedServiceRow>('policy', 'policy', (m) => m.policy),
      col<MergedServiceRow>('ueCount', 'UEs', (m) => m.ueCount, undefined, 'right'),
      col<MergedServiceRow>('service', 'service', (m) => m.service),
      col<MergedServiceRow>('runs', 'runs', (m) => m.runs),
      col<MergedServiceRow>('decided', 'packets', (m) => m.decided),
      col<MergedServiceRow>('deliveredOnTime', 'on time', (m) => m.deliveredOnTime),
      col<MergedServiceRow>('missRatio', 'miss', (m) => m.missRatio, (v) => formatEpsilon(v as number, 1)),
      col<MergedServiceRow>('missCiLower', 'miss CI low', (m) => m.missCi.lower, (v) => formatEpsilon(v as number, 1)),
      col<MergedServiceRow>('missCiUpper', 'miss CI high', (m) => m.missCi.upper, (v) => formatEpsilon(v as number, 1)),
      col<MergedServiceRow>('epsilon', 'epsilon', (m) => m.epsilon, (v) => (v === null ? '-' : formatEpsilon(v as number))),
      col<MergedServiceRow>('target', 'target', (m) => mergedTarget(m)),
    ],
  });
}

export function registerCampaign(program: Command, env: CommandEnv): void {
  const campaign = program
    .command('campaign')
    .description('sweep a scenario over seeds x UE counts x policies on worker threads; shards for a cluster, merged deterministically')
    .argument('<scenario>', "scenario JSON file ('-' = stdin), as for simulate")
    .option('--seeds <list>', 'seeds: a range 1..10, a list 1,2,5, or both', '1')
    .option('--ues <list>', "UE count per service, e.g. 1,2,4 (default: the scenario's counts)")
    .option('--policies <list>', `scheduler policies, e.g. edf,priority (default: the scenario's); one of ${POLICY_NAMES.join(', ')}`)
    .option('--slots <n>', "slots per run (default: the scenario's, else 10000)")
    .option('--workers <n>', 'worker threads (the output does not depend on it)', '1')
    .option('--shard <i/N|auto>', "run only shard i of N (0-based: the runs k with k mod N = i); 'auto': from a Slurm, Kubernetes Indexed Job or AWS Batch array")
    .option('--shards <N>', "with --shard auto on Kubernetes: the number of shards (the Job's completions; or PHYCLASS_SHARDS)")
    .option('--out <dir>', 'write the --json part atomically to <dir>/part-<i>-of-<N>.json (for campaign merge <dir>)')
    .option('--force', 'with --out: replace an existing part file')
    .addHelpText(
      'after',
      `
Runs are numbered policies, then UE counts, then seeds; each run depends only on its own
parameters, so the merged table is the same for any --workers and any sharding.
Exit 1 when a complete sweep (no --shard, or a merge) misses a service's epsilon with confidence.
Examples:
  $ phyclass campaign examples/scenarios/mixed.json --seeds 1..10 --policies priority,edf+preemption --slots 20000
  $ phyclass campaign examples/scenarios/mixed.json --seeds 1..4 --ues 1,2,4 --workers 2 --csv
  $ phyclass campaign mixed.json --seeds 1..100 --shard 3/8 --json > part3.json   # one cluster job of 8
  $ phyclass campaign merge part*.json                                             # = the unsharded run
  $ sbatch --array=0-7 run.sh    # run.sh: phyclass campaign mixed.json --seeds 1..100 --shard auto --out parts/
  $ phyclass campaign merge parts/
--shard auto reads Slurm (SLURM_ARRAY_TASK_ID/_MIN/_COUNT, step 1), Kubernetes Indexed Jobs
(JOB_COMPLETION_INDEX with --shards N or PHYCLASS_SHARDS) or AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX/_SIZE);
examples/cluster/ has job scripts.`,
    )
    .action(async (file: string, o: Record<string, unknown>, cmd: Command) => {
      outputFormat(cmd); // --json with --csv is bad input before any work
      const str = (k: string): string | undefined => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const seeds = parseIntList('--seeds', String(o['seeds']), SEED.min, SEED.max);
      const ues = str('ues');
      const ueCounts = ues === undefined ? undefined : parseIntList('--ues', ues, 1, MAX_UES_PER_SERVICE);
      const pols = str('policies');
      const policies = pols === undefined ? undefined : parsePolicyList(pols);
      const slotsText = str('slots');
      const slots = slotsText === undefined ? undefined : parseIntArg('--slots', slotsText, 1, MAX_SLOTS);
      const workers = parseIntArg('--workers', String(o['workers']), 1, 256);
      const { parseShard, runCampaign } = await import('../../scheduler/campaign.js'); // heavy: loaded only here
      const shardText = str('shard');
      const shardsText = str('shards');
      const shardsOpt = shardsText === undefined ? undefined : parseIntArg('--shards', shardsText, 1, 1_000_000);
      let shard: { index: number; count: number } | undefined;
      if (shardText !== undefined && shardText.trim().toLowerCase() === 'auto') {
        const s = shardFromEnvironment(env.io.env ?? {}, shardsOpt);
        if (E.isLeft(s)) return badInput(s.left);
        shard = { index: s.right.index, count: s.right.count };
      } else if (shardText !== undefined) {
        if (shardsOpt !== undefined) badInput('--shards: only with --shard auto (--shard i/N names the count)');
        const s = parseShard(shardText);
        if (E.isLeft(s)) return badInput(`--shard: ${s.left.message.replace(/^shard:\s*/, '')}`);
        shard = s.right;
      } else if (shardsOpt !== undefined) badInput('--shards: only with --shard auto');
      const outDir = str('out');
      const partName = `part-${partLabel(shard ?? { index: 0, count: 1 })}.json`;
      if (outDir !== undefined) await checkOutputDir(env.io, '--out', outDir, [partName], o['force'] === true);
      const scenario = parseJsonText(file, await readInput(env.io, file));
      const bar = progressBar(env.io, 'campaign', 'runs');
      const r = await runCampaign(
        { scenario, seeds, ...(ueCounts === undefined ? {} : { ueCounts }), ...(policies === undefined ? {} : { policies }), ...(slots === undefined ? {} : { slots }) },
        { workers, ...(shard === undefined ? {} : { shard }), onProgress: bar.update, onFraction: bar.fraction },
      );
      bar.finish();
      if (E.isLeft(r)) {
        // A worker that dies is a bug, not the user's input: let it reach the internal-error path (exit 3).
        if (r.left._tag === 'Unsupported' && r.left.field === 'campaign') throw new Error(r.left.message);
        return badInput(`${file}: ${r.left.message}`);
      }
      if (outDir !== undefined) {
        const path = join(outDir, partName);
        await writeFileAtomic(env.io, `--out ${path}`, path, toJsonText(r.right), env.io.pid ?? 0);
        const s = r.right.shard;
        if (s.count === 1 && r.right.merged.some((m) => mergedTarget(m) === 'missed')) env.setExitCode(EXIT_UNMET);
        env.io.stdout(`wrote ${path}: shard ${s.index}/${s.count}, ${r.right.runs.length} of ${r.right.totalRuns} runs, fingerprint ${r.right.fingerprint.slice(0, 12)}\n`);
        return;
      }
      emitResult(env, cmd, r.right, 'campaign');
    });

  campaign
    .command('merge')
    .description("merge the --json outputs of a sharded campaign's parts (every shard, any order) into the unsharded result")
    .argument('<parts...>', "the parts' JSON files, or directories holding them (part-*.json, as written by --out); '-' = stdin for one of them")
    .addHelpText(
      'after',
      `
Checks that the parts are exactly shards 0..N-1 of one sweep (same fingerprint: scenario with
defaults, axes, slots and phyclass version; same N and runs grid) and prints the same output,
byte for byte, as the unsharded campaign.
Examples:
  $ phyclass campaign merge parts/                # every part-*.json written with --out parts/
  $ phyclass campaign merge part0.json part1.json part2.json part3.json
  $ phyclass campaign merge part*.json --json > campaign.json`,
    )
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      outputFormat(cmd);
      const parts: Part[] = [];
      for (const f of await expandPartArgs(env, files)) parts.push(checkPart(f, parseJsonText(f, await readInput(env.io, f))));
      const res = await mergeParts(parts);
      emitResult(env, cmd, res, `merged from ${parts.length} part${parts.length === 1 ? '' : 's'}`);
    });
}
