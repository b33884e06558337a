/**
 * Orders nodes topologically (Kahn) and, when some cannot be ordered, finds
 * the loops among them so that each can be named. Linear in nodes and edges.
 */
export function findCycles(ids: string[], outgoing: Map<string, string[]>): { order: string[]; cycles: string[][] } {
  const indegree = new Map(ids.map((id) => [id, 0]));
  for (const targets of outgoing.values()) for (const t of targets) indegree.set(t, (indegree.get(t) ?? 0) + 1);
  const queue = ids.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    order.push(id);
    for (const t of outgoing.get(id) ?? []) {
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) queue.push(t);
    }
  }
  if (order.length === ids.length) return { order, cycles: [] };

  const left = new Set(ids.filter((id) => indegree.get(id)! > 0));
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of left) {
    if (done.has(start)) continue;
    // Walk forward inside the unordered part until a node repeats: that stretch is a loop.
    const path: string[] = [];
    const seenAt = new Map<string, number>();
    let id: string | undefined = start;
    while (id !== undefined && !seenAt.has(id) && !done.has(id)) {
      seenAt.set(id, path.length);
      path.push(id);
      id = (outgoing.get(id) ?? []).find((t) => left.has(t));
    }
    if (id !== undefined && seenAt.has(id)) cycles.push(path.slice(seenAt.get(id)));
    for (const p of path) done.add(p);
  }
  return { order: [...order, ...left], cycles };
}
