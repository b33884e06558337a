import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../api/contract';
import { getNodeSpec } from '../nodes/registry';
import { Rng } from '../random';
import { analyzeGraph } from '../validate/analyze';
import { parseGraphText, saveGraph } from './load';
import type { Graph } from './schema';

/**
 * Every template mutated thousands of ways (keys deleted, duplicated and
 * retyped, huge numbers, deep nesting, keys named after Object.prototype,
 * long strings with escape codes) through load, analysis, save and the API's
 * validate request. Seeded, so a failure names the seed that reproduces it;
 * bounded in time, so it runs with every `npm test`.
 */

const SEED = 16;
const PER_TEMPLATE = 1500;
const BUDGET_MS = 14_000;

const dir = join(__dirname, '../../assets/templates');
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.seqwire.json'))
  .map((f) => ({ name: f, doc: JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown }));

const PROTO_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];
const HUGE = [1e308, -1e308, 2 ** 53 + 1, -(2 ** 31), 1e-320, -1, 0, 4294967296, 1.5, -0.0001];
const DEEP_MARK = '\u0000deep:';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every container in the document with the path to it, for picking a place to mutate. */
function places(doc: Json): { holder: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { holder: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((c, i) => {
        out.push({ holder: v, key: i });
        walk(c);
      });
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        out.push({ holder: v, key: k });
        walk(v[k]);
      }
    }
  };
  walk(doc);
  return out;
}

function containers(doc: Json): (Json[] | { [k: string]: Json })[] {
  const out: (Json[] | { [k: string]: Json })[] = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      out.push(v);
      v.forEach(walk);
    } else if (v && typeof v === 'object') {
      out.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(doc);
  return out;
}

function longString(rng: Rng): string {
  const pieces = ['\u001b]0;title\u0007', '\u001b[31m', '\u009b2J', '\n', '"', '\\', 'é', '😀', 'x'];
  let s = '';
  const n = rng.int(40) === 0 ? 100_000 : 100 + rng.int(1000);
  while (s.length < n) s += pieces[rng.int(pieces.length)].repeat(1 + rng.int(50));
  return s;
}

/** Nesting around the bound, now and then far past it (each 100,000-deep value costs a few milliseconds). */
function deepDepth(rng: Rng): number {
  return rng.int(40) === 0 ? 100_000 : [20, 98, 99, 100, 101, 3000][rng.int(6)];
}

function randomValue(rng: Rng, sample: Json): Json {
  switch (rng.int(9)) {
    case 0:
      return null;
    case 1:
      return rng.int(2) === 0;
    case 2:
      return HUGE[rng.int(HUGE.length)];
    case 3:
      return longString(rng);
    case 4:
      return PROTO_NAMES[rng.int(PROTO_NAMES.length)];
    case 5:
      return [sample, sample];
    case 6:
      return { [PROTO_NAMES[rng.int(PROTO_NAMES.length)]]: sample };
    case 7:
      return `${DEEP_MARK}${deepDepth(rng)}`;
    default:
      return String(sample);
  }
}

/** One to three mutations of a copy of `doc`; gives the text to load (deep values are spliced in as text). */
function mutate(doc: unknown, rng: Rng): string {
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const steps = 1 + rng.int(3);
  for (let s = 0; s < steps; s++) {
    const all = places(copy);
    if (!all.length) break;
    const { holder, key } = all[rng.int(all.length)];
    const value = (holder as Record<string | number, Json>)[key];
    switch (rng.int(6)) {
      case 0: // delete
        if (Array.isArray(holder)) holder.splice(key as number, 1);
        else delete holder[key as string];
        break;
      case 1: // duplicate
        if (Array.isArray(holder)) holder.splice(key as number, 0, JSON.parse(JSON.stringify(value ?? null)) as Json);
        else holder[`${String(key)}${rng.int(2) ? '' : '2'}`] = value;
        break;
      case 2: // retype
        (holder as Record<string | number, Json>)[key] = randomValue(rng, value);
        break;
      case 3: {
        // a key named after Object.prototype, where names are looked up: params, bindings, options, anywhere
        const objects = containers(copy).filter((c): c is { [k: string]: Json } => !Array.isArray(c));
        const target = objects[rng.int(objects.length)];
        const name = PROTO_NAMES[rng.int(PROTO_NAMES.length)];
        if (name === '__proto__') Object.defineProperty(target, name, { value: randomValue(rng, 1), enumerable: true, configurable: true, writable: true });
        else target[name] = rng.int(2) ? randomValue(rng, 1) : (['a', 'b', 'inputs', 'targets'][rng.int(4)] as Json);
        break;
      }
      case 4:
        (holder as Record<string | number, Json>)[key] = HUGE[rng.int(HUGE.length)];
        break;
      default:
        (holder as Record<string | number, Json>)[key] = `${DEEP_MARK}${deepDepth(rng)}`;
    }
  }
  const text = JSON.stringify(copy);
  return text.replace(/"\\u0000deep:(\d+)"/g, (_m, n: string) => (Number(n) % 2 ? '[' : '{"d":').repeat(Number(n)) + '1' + (Number(n) % 2 ? ']' : '}').repeat(Number(n)));
}

/** The params a node has that its type does not declare. */
function unknownParams(graph: Graph): string[] {
  const out: string[] = [];
  for (const node of graph.nodes) {
    const spec = getNodeSpec(node.type);
    for (const name of Object.keys(node.params ?? {})) if (!spec || !Object.hasOwn(spec.params, name)) out.push(`${node.id}.${name}`);
  }
  return out;
}

const validateOnly = {
  validate: async ({ graph }: { graph: Graph }) => {
    const a = analyzeGraph(graph);
    return { valid: a.valid, diagnostics: a.diagnostics, totalParams: a.totalParams, shapes: {} };
  },
} as unknown as Handlers;

describe('templates mutated thousands of ways', () => {
  it('load, analyze, save and validate never throw, never call a graph with unknown params valid, never pollute a prototype', async () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const arrayBefore = Object.getOwnPropertyNames(Array.prototype).sort();
    const problems: string[] = [];
    const started = Date.now();
    let runs = 0;
    let loaded = 0;
    let valid = 0;
    outer: for (const [t, template] of templates.entries()) {
      // Each template gets its share of the time, so a slow machine still mutates every one.
      const deadline = started + (BUDGET_MS * (t + 1)) / templates.length;
      for (let i = 0; i < PER_TEMPLATE; i++) {
        if (Date.now() > deadline) break;
        const seed = SEED * 1_000_000 + t * 10_000 + i;
        const rng = new Rng(seed);
        const text = mutate(template.doc, rng);
        runs++;
        const where = `${template.name} seed ${seed}`;
        try {
          const result = parseGraphText(text);
          if (!result.ok) {
            if (typeof result.error !== 'string' || result.error.length > 4000) problems.push(`${where}: load error is ${result.error.length} characters`);
            continue;
          }
          loaded++;
          const analysis = analyzeGraph(result.graph);
          if (analysis.valid) {
            valid++;
            const unknown = unknownParams(result.graph);
            if (unknown.length) problems.push(`${where}: valid with unknown params ${unknown.join(', ')}`);
          }
          for (const d of analysis.diagnostics) if (d.message.length > 2000) problems.push(`${where}: a ${d.message.length}-character diagnostic`);
          const saved = saveGraph(result.graph);
          const again = parseGraphText(saved);
          if (!again.ok) problems.push(`${where}: the saved graph does not load: ${again.error.slice(0, 200)}`);
          const reply = await dispatch(validateOnly, 'validate', JSON.parse(JSON.stringify({ graph: result.graph })));
          if (!reply.ok && reply.error.code === 'internal') problems.push(`${where}: validate failed: ${reply.error.message.slice(0, 200)}`);
        } catch (err) {
          problems.push(`${where}: threw ${(err as Error).message.slice(0, 200)}`);
        }
        if (({} as Record<string, unknown>).polluted !== undefined || Object.getOwnPropertyNames(Object.prototype).length !== protoBefore.length) {
          problems.push(`${where}: Object.prototype changed`);
          break outer;
        }
      }
    }
    console.log(`fuzz: ${runs} mutations in ${Date.now() - started} ms, ${loaded} loaded, ${valid} valid`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayBefore);
    // The budget must leave room for thousands, or the test proves little.
    expect(runs).toBeGreaterThan(2000);
    expect(loaded).toBeGreaterThan(runs / 10);
  }, 40_000);
});
