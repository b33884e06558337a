/**
 * Every diagnostic Seqwire reports, in one table: the code and what it means.
 * A code never changes meaning once released; scripts match on it.
 */
export const DIAGNOSTIC_CODES = {
  'unknown-node-type': 'the node type is not one Seqwire knows',
  'unknown-param': 'a param the node type does not have',
  'missing-param': 'a required param is missing',
  'invalid-param': 'a param has the wrong kind of value or is out of range',
  'duplicate-node-id': 'two nodes share one id',
  'duplicate-edge-id': 'two edges share one id',
  'missing-node': 'an edge names a node that is not in the graph',
  'unknown-port': 'an edge names a port the node does not have',
  'missing-input': 'a required input port has no edge',
  'too-many-edges': 'a single-edge input port has more than one edge',
  'duplicate-wire': 'a wire joins two ports that are already wired',
  'self-loop': 'an edge goes from a node into itself',
  cycle: 'the edges form a loop',
  'shape-mismatch': 'the shape or type arriving at a port does not fit it',
  'too-few-inputs': 'a node that joins inputs has fewer than two',
  'state-with-bidirectional': 'a state port is used on a bidirectional recurrent node',
  'invalid-feedback': 'feedback names something that is not an Output, or whose samples do not fit the input',
  'no-output': 'the graph has no Output node',
  'no-input': 'the graph has no input node',
  'unreachable-output': 'an Output is not connected to any input',
  'unused-node': 'a node does not lead to any Output',
  'upstream-error': 'an input of this node comes from a node that has an error',
  'invalid-training': 'a training option (optimizer, batch size, epochs...) has the wrong kind of value or is out of range',
  'unknown-dataset': 'training names a built-in dataset or file format Seqwire does not have',
  'unknown-binding': 'training binds a node the graph does not have',
  'unknown-field': 'training binds a node to a field the dataset does not make',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/**
 * The change a diagnostic's message names as its fix, as data, so the window
 * can offer it as a button: set a param on the node feeding the port, or put
 * a node of a type between that node and the port.
 */
export type FixHint =
  | { kind: 'set-upstream-param'; param: string; value: boolean | number | string }
  | { kind: 'insert-before'; type: string };

/** A user mistake in a graph, placed on the node (and port) where it is. */
export interface Diagnostic {
  code: DiagnosticCode;
  /** The fix the message names, when it names one (see `fixFor`). */
  fix?: FixHint;
  /** The node the problem is on; `""` for the graph as a whole. */
  nodeId: string;
  port?: string;
  message: string;
  severity: 'error' | 'warning';
}
