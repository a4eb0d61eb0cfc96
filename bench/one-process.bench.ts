/**
 * What keeping one process buys (issue 18, "cold work"; the recipe is README "Doors" → `phyclass serve`
 * and spec/benchmarks.md "Keeping one process"). The same requests — `plan` of every catalogue service
 * on the default link, then the main job `classes` — answered three ways:
 *
 * 0. start-up alone (`--version`): the bundled executable (the package bin) against the unbundled
 *    `dist/cli/main.js` it is built from;
 * 1. a fresh `phyclass` process per call (what a shell loop or `subprocess.run` per call pays): the CPU
 *    of each child (all its threads, start-up and module load included; read by an exit hook that the
 *    child loads with `--import`) and its wall time;
 * 2. one `phyclass serve` process answering the same requests in turn: wall time per request seen by
 *    the client, the server's total CPU, and its start-up CPU alone (a server that gets no request);
 * 3. the serve line handler in this process (`answerLine`, the code the server runs per line): CPU per
 *    request, first pass (nothing warm in this process) and a second pass on another link (JIT warm,
 *    the link's error vectors and proofs not cached).
 *
 * Every serve answer must equal the fresh process's `--json` output (parsed and re-serialised): the
 * bench exits 1 otherwise. Needs the built CLI (`npm run build`).
 *
 *   npx tsx bench/one-process.bench.ts
 * Machine load: the 1-minute load average is printed beside the figures (CPU time is what counts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { answerLine } from '../src/cli/commands/serve.js';
import { newSession } from '../src/cli/methods.js';
import { services } from '../src/services/catalogue.js';

// the package bin (the bundled CLI, scripts/bundle-cli.mjs) and the unbundled entry it is built from
const cli = fileURLToPath(new URL('../dist/bundle/phyclass.js', import.meta.url));
const unbundled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(cli) || !existsSync(unbundled)) {
  process.stderr.write('bench/one-process: dist/bundle/phyclass.js or dist/cli/main.js is missing; run `npm run build` first\n');
  process.exit(2);
}
// loaded by each child: writes the child's CPU time (all threads, µs → ms) to stderr as it exits
const CPU_HOOK = 'data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\nphyclass-bench-cpu-ms "+(u.user+u.system)/1000+"\\n")})';
const cpuOf = (stderr: string): number => {
  const m = /phyclass-bench-cpu-ms ([0-9.]+)/.exec(stderr);
  if (m === null) throw new Error(`bench/one-process: no CPU line from the child (stderr: ${stderr.slice(0, 200)})`);
  return Number(m[1]);
};
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = (): string => loadavg()[0]!.toFixed(2);
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const canonical = (text: string): string => JSON.stringify(JSON.parse(text));

interface Request {
  readonly label: string;
  readonly argv: readonly string[];
  readonly method: string;
  readonly params: Record<string, unknown>;
}
const requests: Request[] = [
  ...services.map((s) => ({ label: `plan ${s.id}`, argv: ['plan', s.id, '--json'], method: 'plan', params: { service: s.id } })),
  { label: 'classes', argv: ['classes', '--json'], method: 'classes', params: {} },
];

// 0. start-up alone: `--version`, bundled against unbundled, interleaved
const startup = { bundled: [] as number[], unbundled: [] as number[] };
for (let k = 0; k < 5; k++) {
  for (const [key, entry] of [['bundled', cli], ['unbundled', unbundled]] as const) {
    const out = spawnSync(process.execPath, ['--import', CPU_HOOK, entry, '--version'], { encoding: 'utf8' });
    startup[key].push(cpuOf(out.stderr));
  }
}

// 1. a fresh process per call
const fresh = requests.map((r) => {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, ['--import', CPU_HOOK, cli, ...r.argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const wallMs = performance.now() - t0;
  if (out.status !== 0 && out.status !== 1) throw new Error(`bench/one-process: ${r.label} exited ${out.status}: ${out.stderr.slice(0, 200)}`);
  return { cpuMs: cpuOf(out.stderr), wallMs, json: canonical(out.stdout) };
});
const freshLoad = load();

// 2. one serve process, the same requests in turn
async function serveRun(reqs: readonly Request[]): Promise<{ cpuMs: number; wallMs: number[]; answers: string[] }> {
  const child = spawn(process.execPath, ['--import', CPU_HOOK, cli, 'serve'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const lines: string[] = [];
  let waiting: (() => void) | null = null;
  let buf = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => {
    buf += c;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    if (waiting !== null) waiting();
  });
  const wallMs: number[] = [];
  for (let k = 0; k < reqs.length; k++) {
    const r = reqs[k]!;
    const t0 = performance.now();
    child.stdin.write(`${JSON.stringify({ id: k, method: r.method, params: r.params })}\n`);
    while (lines.length <= k) await new Promise<void>((res) => (waiting = res));
    wallMs.push(performance.now() - t0);
  }
  child.stdin.end();
  const code = await new Promise<number | null>((res) => child.on('close', res));
  if (code !== 0) throw new Error(`bench/one-process: serve exited ${code}: ${stderr.slice(0, 200)}`);
  const answers = lines.map((l) => {
    const o = JSON.parse(l) as { result?: unknown; error?: unknown };
    if (o.result === undefined) throw new Error(`bench/one-process: serve answered an error: ${l.slice(0, 200)}`);
    return JSON.stringify(o.result);
  });
  return { cpuMs: cpuOf(stderr), wallMs, answers };
}
const idle = await serveRun([]);
const served = await serveRun(requests);
const serveLoad = load();
let mismatches = 0;
requests.forEach((r, k) => {
  if (served.answers[k] !== fresh[k]!.json) {
    mismatches++;
    process.stdout.write(`MISMATCH: serve and the fresh CLI disagree on ${r.label}\n`);
  }
});

// 3. the serve line handler in this process: CPU per request
const enc = new TextEncoder();
async function inProcess(link: Record<string, unknown> | undefined): Promise<number[]> {
  const session = newSession();
  const ms: number[] = [];
  for (const [k, r] of requests.entries()) {
    const line = enc.encode(JSON.stringify({ id: k, method: r.method, params: link === undefined ? r.params : { ...r.params, link } }));
    const t0 = cpuMs();
    const answer = await answerLine(line, session);
    ms.push(cpuMs() - t0);
    if (!answer.includes('"result"')) throw new Error(`bench/one-process: in-process ${r.label} failed: ${answer.slice(0, 200)}`);
  }
  return ms;
}
const firstPass = await inProcess(undefined);
const secondPass = await inProcess({ snrDb: 15.5 }); // another link: JIT warm, caches cold for it
const inLoad = load();

const nPlans = services.length;
const planOf = (xs: readonly number[]): readonly number[] => xs.slice(0, nPlans);
const classesOf = (xs: readonly number[]): number => xs[nPlans]!;
const f = (x: number): string => x.toFixed(x < 10 ? 1 : 0);
process.stdout.write(
  [
    `start-up (\`phyclass --version\`, median of 5): bundled ${f(median(startup.bundled))} ms CPU, unbundled dist/cli/main.js ${f(median(startup.unbundled))} ms CPU (load ${load()})`,
    `one process vs a process per call: ${nPlans} catalogue plans (default link) then classes`,
    `  fresh process per call (load ${freshLoad}): plan median ${f(median(planOf(fresh.map((x) => x.cpuMs))))} ms CPU, ${f(median(planOf(fresh.map((x) => x.wallMs))))} ms wall per call; ` +
      `all ${nPlans} plans ${f(sum(planOf(fresh.map((x) => x.cpuMs))))} ms CPU; classes ${f(classesOf(fresh.map((x) => x.cpuMs)))} ms CPU, ${f(classesOf(fresh.map((x) => x.wallMs)))} ms wall`,
    `  one serve process (load ${serveLoad}): start-up ${f(idle.cpuMs)} ms CPU; plan median ${f(median(planOf(served.wallMs)))} ms wall per request; ` +
      `all ${nPlans} plans + classes ${f(served.cpuMs)} ms CPU including start-up (${f(sum(fresh.map((x) => x.cpuMs)) / served.cpuMs)}× less than a process per call); classes after the plans ${f(classesOf(served.wallMs))} ms wall`,
    `  serve handler in this process (load ${inLoad}): first pass plan median ${f(median(planOf(firstPass)))} ms CPU, classes ${f(classesOf(firstPass))} ms; ` +
      `second pass on another link plan median ${f(median(planOf(secondPass)))} ms CPU, classes ${f(classesOf(secondPass))} ms`,
    `  answers: serve equals the fresh CLI's --json on ${requests.length - mismatches} of ${requests.length} requests`,
  ].join('\n') + '\n',
);
process.exit(mismatches === 0 ? 0 : 1);
