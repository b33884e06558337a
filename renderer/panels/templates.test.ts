import { describe, expect, it } from 'vitest';
import { SECTIONS, TEMPLATES, sectionOf } from './templates';

describe('the template gallery', () => {
  it('files digits read row by row and by glimpses under non-sequential data read sequentially, and a clip classifier under the sequence patterns', () => {
    const section = (file: string) => TEMPLATES.find((t) => t.file === file)?.section;
    expect(section('many-to-one.seqwire.json')).toBe('Non-sequential data, read sequentially');
    expect(section('glimpses.seqwire.json')).toBe('Non-sequential data, read sequentially');
    expect(section('video.seqwire.json')).toBe('Sequence patterns');
    expect(section('per-step-online.seqwire.json')).toBe('Sequence patterns');
    expect(section('gradient-flow.seqwire.json')).toBe('Gradients through time');
    expect(sectionOf('stroke-generation.seqwire.json')).toBe('Generating');
  });

  it('orders the sequence patterns as the lecture does: one to one, one to many, many to one, many to many, seq2seq', () => {
    const files = TEMPLATES.filter((t) => t.section === 'Sequence patterns').map((t) => t.file.replace('.seqwire.json', ''));
    expect(files.slice(0, 6)).toEqual(['one-to-one', 'one-to-many', 'video', 'per-step', 'per-step-online', 'seq2seq']);
  });

  it('shows every bundled template in one of its sections', () => {
    expect(TEMPLATES.length).toBeGreaterThan(10);
    for (const t of TEMPLATES) expect(SECTIONS).toContain(t.section);
  });
});
