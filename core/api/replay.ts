import { z } from 'zod';
import type { GeneratedDrawing } from '../generate/present';
import type { MixtureFrame } from '../generate/replay';
import { zPolyline, zStroke5 } from './schemas';

/**
 * Drawings whose per-step mixtures come back with `generate` (for a replay).
 * One drawing of 250 steps with 20 mixtures is 30,000 numbers, so the window
 * asks for the one it shows, and the run layer refuses a request over
 * `MIXTURE_NUMBERS_LIMIT` (core/run/generate.ts).
 */
export const zMixturesFor = z.array(z.number().int().min(0).max(63)).max(4);

const pen = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1), z.number().min(0).max(1)]);

/** One generated step of a traced drawing: the pen position and the Gaussians drawn from, in drawing coordinates. */
export const zMixtureFrame: z.ZodType<MixtureFrame> = z
  .object({
    at: z.tuple([z.number(), z.number()]),
    weights: z.array(z.number().min(0).max(1)),
    cx: z.array(z.number()),
    cy: z.array(z.number()),
    sx: z.array(z.number().min(0)),
    sy: z.array(z.number().min(0)),
    rho: z.array(z.number().min(-1).max(1)),
    pen,
    earlyEnd: z.number().min(0).max(1).optional(),
  })
  .refine((f) => [f.cx, f.cy, f.sx, f.sy, f.rho].every((a) => a.length === f.weights.length), { message: 'every mixture needs a weight, centre, sigmas and correlation' });

/** A generated drawing: stroke-5 steps (the primer's `primed` first), its polylines, and with `mixturesFor` its mixture frames. */
export const zGeneratedDrawing: z.ZodType<GeneratedDrawing> = z.object({
  stroke5: z.array(zStroke5),
  polylines: z.array(zPolyline),
  primed: z.number().int().min(0),
  /** The condition's text this drawing was asked for (a class-conditional model's digit), when a token input conditions it. */
  asked: z.string().max(1000).optional(),
  mixtures: z.array(zMixtureFrame).optional(),
});
