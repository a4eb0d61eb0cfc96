/**
 * `--shard auto` (issue 17): the shard i/N of this process from the array-job variables of the
 * cluster engine that started it.
 *
 * - Slurm job arrays (`sbatch --array=0-7`): i = SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN,
 *   N = SLURM_ARRAY_TASK_COUNT. The array must be contiguous: SLURM_ARRAY_TASK_STEP, when set, must
 *   be 1, and SLURM_ARRAY_TASK_MAX − MIN + 1 must equal COUNT (`--array=0,3,5` is refused).
 * - Kubernetes Indexed Jobs (`completionMode: Indexed`): i = JOB_COMPLETION_INDEX; N is not in the
 *   pod's environment, so it comes from `--shards N` or PHYCLASS_SHARDS (set it to `completions`).
 * - AWS Batch array jobs: i = AWS_BATCH_JOB_ARRAY_INDEX, N = AWS_BATCH_JOB_ARRAY_SIZE.
 *
 * Exactly one engine must be recognised; none, two, or inconsistent values are one line of bad input.
 */
import * as E from 'fp-ts/lib/Either.js';

/** A shard and the engine it was read from. */
export interface AutoShard {
  /** 0-based shard index i, < count. */
  readonly index: number;
  /** Number of shards N. */
  readonly count: number;
  /** The engine whose variables gave the shard. */
  readonly engine: 'slurm' | 'kubernetes' | 'aws-batch';
}

const MAX_SHARDS = 1_000_000;

function int(env: Readonly<Record<string, string | undefined>>, name: string): E.Either<string, number | undefined> {
  const v = env[name];
  if (v === undefined || v === '') return E.right(undefined);
  if (!/^\d{1,9}$/.test(v.trim())) return E.left(`--shard auto: ${name} is ${JSON.stringify(v)}, expected a non-negative integer`);
  return E.right(Number(v.trim()));
}

/** The shard from the environment (`shards`: the `--shards N` option, for Kubernetes). */
export function shardFromEnvironment(env: Readonly<Record<string, string | undefined>>, shards?: number): E.Either<string, AutoShard> {
  const read = (names: readonly string[]): E.Either<string, (number | undefined)[]> => {
    const out: (number | undefined)[] = [];
    for (const n of names) {
      const r = int(env, n);
      if (E.isLeft(r)) return r;
      out.push(r.right);
    }
    return E.right(out);
  };
  const s = read(['SLURM_ARRAY_TASK_ID', 'SLURM_ARRAY_TASK_MIN', 'SLURM_ARRAY_TASK_MAX', 'SLURM_ARRAY_TASK_COUNT', 'SLURM_ARRAY_TASK_STEP']);
  const k = read(['JOB_COMPLETION_INDEX', 'PHYCLASS_SHARDS']);
  const a = read(['AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE']);
  if (E.isLeft(s)) return s;
  if (E.isLeft(k)) return k;
  if (E.isLeft(a)) return a;
  const [sId, sMin, sMax, sCount, sStep] = s.right;
  const [kIndex, kShards] = k.right;
  const [aIndex, aSize] = a.right;
  const engines = [sId !== undefined ? 'Slurm (SLURM_ARRAY_TASK_ID)' : '', kIndex !== undefined ? 'Kubernetes (JOB_COMPLETION_INDEX)' : '', aIndex !== undefined ? 'AWS Batch (AWS_BATCH_JOB_ARRAY_INDEX)' : ''].filter((x) => x !== '');
  if (engines.length === 0) {
    return E.left('--shard auto: no array-job index in the environment (expected SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX); give --shard i/N');
  }
  if (engines.length > 1) return E.left(`--shard auto: more than one engine's array index is set (${engines.join(', ')}); give --shard i/N`);
  const check = (index: number, count: number, engine: AutoShard['engine'], how: string): E.Either<string, AutoShard> => {
    if (!(count >= 1 && count <= MAX_SHARDS)) return E.left(`--shard auto: ${how}: shard count ${count} is not in 1..${MAX_SHARDS}`);
    if (!(index >= 0 && index < count)) return E.left(`--shard auto: ${how}: index ${index} is not in 0..${count - 1}`);
    if (shards !== undefined && shards !== count) return E.left(`--shard auto: --shards ${shards} disagrees with ${how} (${count} shards)`);
    return E.right({ index, count, engine });
  };
  if (sId !== undefined) {
    if (sStep !== undefined && sStep !== 1) return E.left(`--shard auto: SLURM_ARRAY_TASK_STEP is ${sStep}; only a step of 1 maps array tasks onto shards (use --array=0-${Math.max(0, (sCount ?? 1) - 1)})`);
    if (sMin === undefined || sCount === undefined) return E.left('--shard auto: Slurm sets SLURM_ARRAY_TASK_ID but not SLURM_ARRAY_TASK_MIN and SLURM_ARRAY_TASK_COUNT');
    if (sMax !== undefined && sMax - sMin + 1 !== sCount) return E.left(`--shard auto: the Slurm array is not contiguous (MIN ${sMin}, MAX ${sMax}, COUNT ${sCount}); use --array=${sMin}-${sMin + sCount - 1}`);
    return check(sId - sMin, sCount, 'slurm', `Slurm array task ${sId} of ${sMin}..${sMin + sCount - 1}`);
  }
  if (kIndex !== undefined) {
    const n = shards ?? kShards;
    if (n === undefined) return E.left('--shard auto: Kubernetes sets JOB_COMPLETION_INDEX but not the shard count: give --shards N or PHYCLASS_SHARDS (the Job\'s completions)');
    if (shards !== undefined && kShards !== undefined && shards !== kShards) return E.left(`--shard auto: --shards ${shards} disagrees with PHYCLASS_SHARDS ${kShards}`);
    return check(kIndex, n, 'kubernetes', `Kubernetes completion index ${kIndex}`);
  }
  if (aSize === undefined) return E.left('--shard auto: AWS Batch sets AWS_BATCH_JOB_ARRAY_INDEX but not AWS_BATCH_JOB_ARRAY_SIZE');
  return check(aIndex!, aSize, 'aws-batch', `AWS Batch array index ${aIndex!}`);
}
