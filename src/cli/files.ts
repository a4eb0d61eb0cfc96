/**
 * Writing output files safely (issue 17): file-system failures are bad input (exit 2, one line
 * naming the path and the reason), never an internal error; `checkOutputDir` runs before any work
 * and refuses an output directory that is a file or lies under a file, names the files a run would
 * overwrite unless `--force`, and refuses entries that are symlinks leading out of the directory;
 * `writeFileAtomic` writes a temp file beside the target and renames it (a job killed mid-write
 * leaves the old file or none, never half a file).
 */
import { dirname, join, relative, isAbsolute, basename } from 'node:path';
import { badInput } from './errors.js';
import type { CliIo } from './io.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a component of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'already exists and is not a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'busy',
  EXDEV: 'rename across file systems',
};

/** A file-system failure as one bad-input line: `--out x/y: cannot create (a component of the path is not a directory)`. */
export function fsFailure(e: unknown, what: string, verb: string): never {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  return badInput(`${what}: cannot ${verb} (${REASONS[code] ?? (code === '' ? 'file-system error' : code)})`);
}

/** Run a file-system call, turning its failure into one bad-input line. */
export async function fsCall<A>(what: string, verb: string, f: () => Promise<A>): Promise<A> {
  try {
    return await f();
  } catch (e) {
    return fsFailure(e, what, verb);
  }
}

const inside = (dir: string, p: string): boolean => {
  const r = relative(dir, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * Before any work: `dir` must be a directory or creatable (not a file, not under a file); each of
 * `files` in it must not be a symlink resolving outside `dir` (or dangling), nor a directory; and
 * unless `force`, none of them may exist (the line lists the ones that do). Creates `dir`.
 */
export async function checkOutputDir(io: CliIo, option: string, dir: string, files: readonly string[], force: boolean): Promise<void> {
  if (dir.trim() === '' || dir.includes('\0')) return badInput(`${option}: expected a directory path`);
  const info = io.statPath === undefined ? undefined : await fsCall(`${option} ${dir}`, 'inspect', () => io.statPath!(dir));
  if (info !== undefined && (info.kind === 'file' || info.kind === 'other')) return badInput(`${option} ${dir}: exists and is not a directory`);
  if (info !== undefined && info.kind === 'symlink' && info.realPath === undefined) return badInput(`${option} ${dir}: is a dangling symbolic link`);
  await fsCall(`${option} ${dir}`, 'create the directory', () => io.makeDir(dir));
  if (io.statPath === undefined) return;
  const real = (await fsCall(`${option} ${dir}`, 'inspect', () => io.statPath!(dir))).realPath ?? dir;
  const existing: string[] = [];
  for (const f of files) {
    const p = join(dir, f);
    const fi = await fsCall(`${option} ${p}`, 'inspect', () => io.statPath!(p));
    if (fi.kind === 'missing') continue;
    if (fi.kind === 'dir') return badInput(`${option}: ${p} is a directory; it would be overwritten by a file`);
    if (fi.kind === 'symlink' && (fi.realPath === undefined || !inside(real, fi.realPath))) {
      return badInput(`${option}: ${p} is a symbolic link leading out of ${dir}${fi.realPath === undefined ? ' (dangling)' : ` (to ${fi.realPath})`}: refusing to follow it`);
    }
    existing.push(f);
  }
  if (existing.length > 0 && !force) {
    const shown = existing.slice(0, 6).join(', ');
    return badInput(`${option}: would overwrite ${existing.length} file${existing.length === 1 ? '' : 's'} in ${dir} (${shown}${existing.length > 6 ? ', ...' : ''}); use --force to overwrite`);
  }
}

/** Write `text` to `path` through a temp file in the same directory and a rename (when the IO can rename). */
export async function writeFileAtomic(io: CliIo, what: string, path: string, text: string, pid = 0): Promise<void> {
  if (io.renameFile === undefined) {
    await fsCall(what, 'write', () => io.writeTextFile(path, text));
    return;
  }
  const tmp = join(dirname(path), `.${basename(path)}.${pid}.${Math.floor(io.nowMs() * 1000) % 1e9}.tmp`);
  try {
    await io.writeTextFile(tmp, text);
    await io.renameFile(tmp, path);
  } catch (e) {
    if (io.removeFile !== undefined) await io.removeFile(tmp).catch(() => undefined);
    fsFailure(e, what, 'write');
  }
}
