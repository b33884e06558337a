import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, currentBackend, selectBackend } from './select';

const saved = process.env.SEQWIRE_BACKEND;
afterEach(() => {
  if (saved === undefined) delete process.env.SEQWIRE_BACKEND;
  else process.env.SEQWIRE_BACKEND = saved;
});

describe('selectBackend', () => {
  it('picks the fastest backend present and says what it skipped', async () => {
    delete process.env.SEQWIRE_BACKEND;
    const choice = await selectBackend();
    expect(choice.forced).toBe(false);
    expect(currentBackend()).toBe(choice.name);
    let nodePresent = true;
    try {
      await import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      nodePresent = false;
    }
    if (nodePresent) expect(choice.name).toBe('node');
    else {
      expect(choice.name).toBe('wasm');
      expect(choice.skipped).toEqual(['node: @tensorflow/tfjs-node is not installed']);
    }
  });

  it('is forced by SEQWIRE_BACKEND', async () => {
    process.env.SEQWIRE_BACKEND = 'cpu';
    expect(await selectBackend()).toEqual({ name: 'cpu', forced: true, skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('refuses an unknown backend name, and a forced one that cannot run, with the reason', async () => {
    await expect(selectBackend('gpu')).rejects.toThrow(new BackendError('unknown backend "gpu"; use one of node, wasm, cpu'));
    let nodePresent = true;
    try {
      await import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      nodePresent = false;
    }
    if (!nodePresent) await expect(selectBackend('node')).rejects.toThrow('the node backend cannot run here: @tensorflow/tfjs-node is not installed');
  });
});
