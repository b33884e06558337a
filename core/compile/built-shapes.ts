import type * as tf from '@tensorflow/tfjs';
import { formatShape, formatType, sameShape, type TensorType } from '../shapes/tensor-type';

/**
 * A node type built a tensor other than the one its shape rule promised: a
 * bug in the node type (the canvas would show one shape and train another),
 * never a user mistake, so it throws and names the node.
 */
export class BuiltShapeError extends Error {
  override name = 'BuiltShapeError';
}

/** Checks every tensor a node built (batch axis aside) against the type its shape rule gave the port. */
export function assertBuiltShapes(nodeId: string, type: string, analysed: Record<string, TensorType>, built: Record<string, tf.SymbolicTensor>): void {
  for (const [port, tensor] of Object.entries(built)) {
    const want = analysed[port];
    const shape = tensor.shape.slice(1);
    if (!want) throw new BuiltShapeError(`node "${nodeId}" (${type}) built a tensor for port ${port}, which its shape rule does not give; this is a bug in the ${type} node type`);
    if (!sameShape(shape, want.shape) || tensor.dtype !== want.dtype) {
      throw new BuiltShapeError(
        `node "${nodeId}" (${type}): port ${port} was built as ${formatShape(shape)} ${tensor.dtype} but its shape rule says ${formatType(want)}; this is a bug in the ${type} node type`,
      );
    }
  }
}
