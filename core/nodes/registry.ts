import type { AnyNodeSpec, NodeCategory } from './spec';
import { SequenceInput } from './sequence-input';
import { Dense } from './dense';

/** Every node type Seqwire knows. Adding a type means one module and one line here. */
export const NODE_SPECS: readonly AnyNodeSpec[] = [SequenceInput, Dense];

const byType = new Map(NODE_SPECS.map((spec) => [spec.type, spec]));

export function getNodeSpec(type: string): AnyNodeSpec | undefined {
  return byType.get(type);
}

export function specsInCategory(category: NodeCategory): AnyNodeSpec[] {
  return NODE_SPECS.filter((spec) => spec.category === category);
}
