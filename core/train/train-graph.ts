import { compileGraph } from '../compile/compile';
import type { CompiledModel } from '../compile/types';
import { mixSeed } from '../random';
import type { Graph } from '../graph/schema';
import { Rng, withSeededRandom } from './random';

/** The stream of the seed that initialises weights (the data and dropout draw from others). */
const INIT_STREAM = 4;

/**
 * Compiles a graph with its weight initialisers drawing from `seed`: tfjs
 * initialisers without a seed of their own draw it from `Math.random` when a
 * layer is built, so building under a seeded `Math.random` makes the same
 * seed give the same initial weights.
 */
export function compileSeeded(graph: Graph, seed: number): CompiledModel {
  return withSeededRandom(new Rng(mixSeed(seed, INIT_STREAM)), () => compileGraph(graph));
}
