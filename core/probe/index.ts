/**
 * Probes: what flows inside a compiled graph for one sample. The value on any
 * wire, every recurrent layer's state and gates at every step, and attention
 * weights; computed here, drawn by the renderer, served to the window, the
 * browser mode and the CLI through one API request.
 */
export { probe, attentionWeights, ProbeError, type ProbeRequest, type ProbeResult, type WireValue, type CellProbe, type AttentionProbe } from './probe';
export { traceGlimpse, headsReading, type GlimpseProbe, type GlimpseHead } from './glimpse';
export { probeRunSample, type SampleProbe, type ProbedInput } from './sample';
export { traceCell, type CellKind, type CellTrace } from './cell-math';
