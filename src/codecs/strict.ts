/**
 * Unknown keys in files (issue 17): io-ts `type`/`partial` codecs let extra keys through, so a
 * misspelled optional field (`"ueCnt": 40`, `"nSymbol": 12`) would silently take its default.
 * `unknownKeyErrors(codec, value)` walks a codec and the decoded input side by side and lists
 * every key the codec does not know, with the closest known key, as `path.key: expected a known key (did
 * you mean ...?), got an unknown key`. Walks `type`, `partial`, `exact`, `intersection`, `union` (keys of every object
 * member), `array`/`readonlyArray` and `record`; custom codecs of objects register their keys with
 * `registerCodecKeys`. Never throws.
 */
import * as t from 'io-ts';
import { unknownKeys } from '../core/keys.js';

const customKeys = new Map<t.Mixed, { readonly keys: readonly string[]; readonly fields?: Readonly<Record<string, t.Mixed>> }>();

/** Declare the keys (and optionally the codecs of object-valued fields) of a custom object codec. */
export function registerCodecKeys(codec: t.Mixed, keys: readonly string[], fields?: Readonly<Record<string, t.Mixed>>): void {
  customKeys.set(codec, fields === undefined ? { keys } : { keys, fields });
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

/** Known keys and per-key codecs of an object codec, or undefined when `codec` does not describe an object. */
function objectShape(codec: t.Mixed): { keys: string[]; fields: Map<string, t.Mixed[]> } | undefined {
  const custom = customKeys.get(codec);
  if (custom !== undefined) {
    const fields = new Map<string, t.Mixed[]>();
    for (const [k, c] of Object.entries(custom.fields ?? {})) fields.set(k, [c]);
    return { keys: [...custom.keys], fields };
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const props = (codec as t.InterfaceType<t.Props>).props;
    const fields = new Map<string, t.Mixed[]>(Object.entries(props).map(([k, c]) => [k, [c as t.Mixed]]));
    return { keys: Object.keys(props), fields };
  }
  if (codec instanceof t.ExactType || codec instanceof t.RefinementType || codec instanceof t.ReadonlyType) return objectShape((codec as t.ExactType<t.Mixed>).type);
  if (codec instanceof t.IntersectionType || codec instanceof t.UnionType) {
    const parts = ((codec as t.IntersectionType<t.Mixed[]>).types as t.Mixed[]).map(objectShape).filter((x): x is NonNullable<typeof x> => x !== undefined);
    if (parts.length === 0) return undefined;
    const keys: string[] = [];
    const fields = new Map<string, t.Mixed[]>();
    for (const p of parts) {
      for (const k of p.keys) if (!keys.includes(k)) keys.push(k);
      for (const [k, cs] of p.fields) fields.set(k, [...(fields.get(k) ?? []), ...cs]);
    }
    return { keys, fields };
  }
  return undefined;
}

function elementCodec(codec: t.Mixed): t.Mixed | undefined {
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) return (codec as t.ArrayType<t.Mixed>).type;
  if (codec instanceof t.ExactType || codec instanceof t.ReadonlyType) return elementCodec((codec as t.ExactType<t.Mixed>).type);
  return undefined;
}

function recordCodec(codec: t.Mixed): t.Mixed | undefined {
  return codec instanceof t.DictionaryType ? (codec as t.DictionaryType<t.Mixed, t.Mixed>).codomain : undefined;
}

function walk(codecs: readonly t.Mixed[], u: unknown, path: string, out: string[], depth: number): void {
  if (depth > 32 || out.length >= 20) return;
  if (Array.isArray(u)) {
    const els = codecs.flatMap((c) => {
      const e = elementCodec(c);
      if (e !== undefined) return [e];
      return c instanceof t.UnionType ? (c.types as t.Mixed[]).map(elementCodec).filter((x): x is t.Mixed => x !== undefined) : [];
    });
    if (els.length > 0) u.slice(0, 10_000).forEach((x, i) => walk(els, x, `${path}[${i}]`, out, depth + 1));
    return;
  }
  if (!isObj(u)) return;
  const recs = codecs.map(recordCodec).filter((x): x is t.Mixed => x !== undefined);
  if (recs.length > 0) {
    for (const [k, v] of Object.entries(u)) walk(recs, v, `${path}${path === '' ? '' : '.'}${k}`, out, depth + 1);
    return;
  }
  const shapes = codecs.map(objectShape).filter((x): x is NonNullable<typeof x> => x !== undefined);
  if (shapes.length === 0) return;
  const keys = [...new Set(shapes.flatMap((s) => s.keys))];
  out.push(...unknownKeys(u, keys, path === '' ? '' : `${path}.`));
  for (const k of keys) {
    if (!(k in u)) continue;
    const sub = shapes.flatMap((s) => s.fields.get(k) ?? []);
    if (sub.length > 0) walk(sub, u[k], `${path}${path === '' ? '' : '.'}${k}`, out, depth + 1);
  }
}

/** Every unknown key of `u` under `codec` (at most 20), as one message each; [] when there is none. */
export function unknownKeyErrors(codec: t.Mixed, u: unknown, root = ''): string[] {
  const out: string[] = [];
  try {
    walk([codec], u, root, out, 0);
  } catch {
    return out;
  }
  return out.slice(0, 20);
}
