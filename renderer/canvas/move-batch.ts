/** Where a node is to go, in flow coordinates. */
export interface NodeMove {
  id: string;
  position: { x: number; y: number };
}

type Schedule = (run: () => void) => number;
type Cancel = (handle: number) => void;

/**
 * The moves of a drag, gathered until the next animation frame. Pointer
 * events can outpace frames (a busy machine delivers two or three before it
 * draws one), and each move previewed costs a pass through the store, the
 * analysis cache and React Flow's 3,000 subscriptions; only the last position
 * of each node in a frame can be seen, so only that one is previewed.
 */
export class MoveBatch {
  private pending = new Map<string, NodeMove>();
  private frame: number | null = null;

  constructor(
    private readonly apply: (moves: NodeMove[]) => void,
    private readonly schedule: Schedule = (run) => requestAnimationFrame(run),
    private readonly cancel: Cancel = (handle) => cancelAnimationFrame(handle),
  ) {}

  add(move: NodeMove): void {
    this.pending.set(move.id, move);
    this.frame ??= this.schedule(() => {
      this.frame = null;
      this.flush();
    });
  }

  /** Applies what is pending now: before any other change of the same gesture (its end, a selection), so order is kept. */
  flush(): void {
    if (this.frame !== null) {
      this.cancel(this.frame);
      this.frame = null;
    }
    if (!this.pending.size) return;
    const moves = [...this.pending.values()];
    this.pending = new Map();
    this.apply(moves);
  }
}
