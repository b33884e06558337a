/**
 * One step per old version: `migrations[v]` turns a version-v document into a
 * version v+1 document and says what it changed in `notes`.
 *
 * Version 0 was the prototype's format: node params lived in `data` (React
 * Flow's field), and edges could leave out their handles, meaning `out` and
 * `in`. Files written by it still open.
 */
export const migrations: Record<number, (doc: Record<string, unknown>, notes: string[]) => Record<string, unknown>> = {
  0: (doc, notes) => {
    const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
    const edges = Array.isArray(doc.edges) ? doc.edges : [];
    notes.push('migrated from format version 0 (node "data" became "params"; missing edge handles became "out" and "in")');
    return {
      ...doc,
      version: 1,
      nodes: nodes.map((n: Record<string, unknown>) => {
        if (!n || typeof n !== 'object' || !('data' in n)) return n;
        const { data, ...rest } = n;
        return { ...rest, params: data };
      }),
      edges: edges.map((e: Record<string, unknown>, i: number) =>
        e && typeof e === 'object'
          ? { id: `e${i + 1}`, sourceHandle: 'out', targetHandle: 'in', ...e }
          : e,
      ),
    };
  },
};
