import { GRAPH_FORMAT, GRAPH_VERSION, type Graph, type GraphEdge, type GraphNode, type Group, type Note, type Position, type Training } from './schema';

/**
 * Every change a user makes to a graph, as data. One pure function applies
 * them, so undo/redo, autosave and tests all come from the same place (the
 * way React Flow applies its change objects).
 */
export type GraphEdit =
  /** Adds nodes and the edges among them (a drop from the palette, a paste). */
  | { kind: 'add'; nodes: GraphNode[]; edges?: GraphEdge[] }
  /** Removes nodes (with every edge touching them, and references to them) and edges. */
  | { kind: 'remove'; nodeIds?: string[]; edgeIds?: string[] }
  /** Moves nodes, notes and groups; a group takes along the nodes and notes inside it. */
  | { kind: 'move'; moves: { id: string; position: Position }[]; notes?: { id: string; position: Position }[]; groups?: { id: string; position: Position }[] }
  /** Replaces the canvas notes (added, edited, collapsed, removed). */
  | { kind: 'set-notes'; notes: Note[] }
  /** Replaces the group frames (added, retitled, resized, removed). */
  | { kind: 'set-groups'; groups: Group[] }
  /** Sets one param; `undefined` removes it so the default applies. */
  | { kind: 'set-param'; nodeId: string; param: string; value: unknown }
  | { kind: 'connect'; edge: GraphEdge }
  | { kind: 'rename'; name: string }
  /** Gives a node a display name; an empty or missing label shows the type again. */
  | { kind: 'set-label'; nodeId: string; label: string | undefined }
  /** Changes a node's id, and every reference to it: wires, training bindings, `feedback` params. Check it with `renameProblem` first. */
  | { kind: 'rename-node'; from: string; to: string }
  | { kind: 'set-training'; training: Training | undefined }
  /** Replaces the whole document (auto-layout, an import); still one undo step. */
  | { kind: 'replace'; graph: Graph }
  | { kind: 'batch'; edits: GraphEdit[] };

/** An empty project. */
export function emptyGraph(name = 'Untitled'): Graph {
  return { format: GRAPH_FORMAT, version: GRAPH_VERSION, name, nodes: [], edges: [] };
}

/** Applies one edit. Pure: returns a new graph and leaves its argument alone. */
export function applyEdit(graph: Graph, edit: GraphEdit): Graph {
  switch (edit.kind) {
    case 'add': {
      const taken = new Set(graph.nodes.map((n) => n.id));
      const nodes = edit.nodes.filter((n) => !taken.has(n.id));
      const edgeIds = new Set(graph.edges.map((e) => e.id));
      const edges = (edit.edges ?? []).filter((e) => !edgeIds.has(e.id));
      return { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] };
    }
    case 'remove':
      return removeFrom(graph, new Set(edit.nodeIds ?? []), new Set(edit.edgeIds ?? []));
    case 'move': {
      if (edit.groups?.length || edit.notes?.length) return moveAnnotated(graph, edit);
      const to = new Map(edit.moves.map((m) => [m.id, m.position]));
      let changed = false;
      const nodes = graph.nodes.map((n) => {
        const p = to.get(n.id);
        if (!p || (n.position?.x === p.x && n.position?.y === p.y)) return n;
        changed = true;
        return { ...n, position: { x: p.x, y: p.y } };
      });
      // Same graph back when nothing moved, so a click without a drag adds no undo step.
      return changed ? { ...graph, nodes } : graph;
    }
    case 'set-param':
      return {
        ...graph,
        nodes: graph.nodes.map((n) => {
          if (n.id !== edit.nodeId) return n;
          const params = { ...(n.params ?? {}) };
          if (edit.value === undefined) delete params[edit.param];
          else params[edit.param] = edit.value;
          return { ...n, params };
        }),
      };
    case 'connect':
      if (graph.edges.some((e) => e.id === edit.edge.id)) return graph;
      return { ...graph, edges: [...graph.edges, edit.edge] };
    case 'rename':
      return { ...graph, name: edit.name };
    case 'set-notes':
      return withList(graph, 'notes', edit.notes);
    case 'set-groups':
      return withList(graph, 'groups', edit.groups);
    case 'set-label':
      return {
        ...graph,
        nodes: graph.nodes.map((n) => {
          if (n.id !== edit.nodeId) return n;
          const { label: _old, ...rest } = n;
          return edit.label?.trim() ? { ...rest, label: edit.label } : rest;
        }),
      };
    case 'rename-node':
      return renameNode(graph, edit.from, edit.to);
    case 'set-training': {
      if (edit.training === undefined) {
        const { training: _dropped, ...rest } = graph;
        return rest as Graph;
      }
      return { ...graph, training: edit.training };
    }
    case 'replace':
      return edit.graph;
    case 'batch':
      return edit.edits.reduce(applyEdit, graph);
  }
}

function removeFrom(graph: Graph, nodeIds: Set<string>, edgeIds: Set<string>): Graph {
  if (nodeIds.size === 0 && edgeIds.size === 0) return graph;
  const nodes = graph.nodes
    .filter((n) => !nodeIds.has(n.id))
    .map((n) => {
      // A `feedback` naming a removed node would dangle; drop it so the default (none) applies.
      const feedback = n.params?.feedback;
      if (typeof feedback !== 'string' || !nodeIds.has(feedback)) return n;
      const { feedback: _gone, ...params } = n.params ?? {};
      return { ...n, params };
    });
  const edges = graph.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target));
  let training = graph.training;
  if (training?.bindings && Object.keys(training.bindings).some((k) => nodeIds.has(k))) {
    const bindings = Object.fromEntries(Object.entries(training.bindings).filter(([k]) => !nodeIds.has(k)));
    training = { ...training, bindings };
  }
  return training === graph.training ? { ...graph, nodes, edges } : { ...graph, nodes, edges, training };
}

/** The graph with its notes or groups replaced; an empty list leaves the key out, so files without any stay as they were. */
function withList<K extends 'notes' | 'groups'>(graph: Graph, key: K, list: NonNullable<Graph[K]>): Graph {
  const { [key]: _old, ...rest } = graph;
  return (list.length ? { ...rest, [key]: list } : rest) as Graph;
}

/** True when a point lies in a group's frame. */
function inside(g: Group, x: number, y: number): boolean {
  return x >= g.position.x && y >= g.position.y && x <= g.position.x + g.width && y <= g.position.y + g.height;
}

/** The node size members are judged by (their top-left corner plus half of this is their centre). */
const MEMBER_CENTRE = { x: 107, y: 60 };

/**
 * A move of groups and notes: each group moved takes along the nodes and
 * notes whose centre (or corner, for a note) lies inside it, by the same step.
 */
function moveAnnotated(graph: Graph, edit: Extract<GraphEdit, { kind: 'move' }>): Graph {
  const nodeTo = new Map(edit.moves.map((m) => [m.id, m.position]));
  const noteTo = new Map((edit.notes ?? []).map((m) => [m.id, m.position]));
  const groupTo = new Map((edit.groups ?? []).map((m) => [m.id, m.position]));
  const steps: { group: Group; dx: number; dy: number }[] = [];
  for (const g of graph.groups ?? []) {
    const p = groupTo.get(g.id);
    if (p && (p.x !== g.position.x || p.y !== g.position.y)) steps.push({ group: g, dx: p.x - g.position.x, dy: p.y - g.position.y });
  }
  const carried = (x: number, y: number) => steps.find((s) => inside(s.group, x, y));
  const nodes = graph.nodes.map((n) => {
    const own = nodeTo.get(n.id);
    if (own) return { ...n, position: { x: own.x, y: own.y } };
    const s = n.position && carried(n.position.x + MEMBER_CENTRE.x, n.position.y + MEMBER_CENTRE.y);
    return s && n.position ? { ...n, position: { x: n.position.x + s.dx, y: n.position.y + s.dy } } : n;
  });
  const notes = (graph.notes ?? []).map((n) => {
    const own = noteTo.get(n.id);
    if (own) return { ...n, position: { x: own.x, y: own.y } };
    const s = carried(n.position.x + 10, n.position.y + 10);
    return s ? { ...n, position: { x: n.position.x + s.dx, y: n.position.y + s.dy } } : n;
  });
  const groups = (graph.groups ?? []).map((g) => {
    const p = groupTo.get(g.id);
    return p ? { ...g, position: { x: p.x, y: p.y } } : g;
  });
  return { ...graph, nodes, ...(graph.notes ? { notes } : {}), ...(graph.groups ? { groups } : {}) };
}

/** Why a node cannot take this id, or `null`: ids are the file's keys and the layers' names, so they stay plain words. */
export function renameProblem(graph: Graph, from: string, to: string): string | null {
  if (to === from) return null;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(to)) return 'an id is a letter or _ followed by letters, digits or _';
  if (graph.nodes.some((n) => n.id === to)) return `${to} is the id of another node`;
  return null;
}

function renameNode(graph: Graph, from: string, to: string): Graph {
  if (from === to || !graph.nodes.some((n) => n.id === from) || graph.nodes.some((n) => n.id === to)) return graph;
  const nodes = graph.nodes.map((n) => {
    const renamed = n.id === from ? { ...n, id: to } : n;
    return renamed.params?.feedback === from ? { ...renamed, params: { ...renamed.params, feedback: to } } : renamed;
  });
  const edges = graph.edges.map((e) =>
    e.source === from || e.target === from ? { ...e, source: e.source === from ? to : e.source, target: e.target === from ? to : e.target } : e,
  );
  const bindings = graph.training?.bindings;
  if (!bindings || !(from in bindings)) return { ...graph, nodes, edges };
  const renamedBindings = Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k === from ? to : k, v]));
  return { ...graph, nodes, edges, training: { ...graph.training, bindings: renamedBindings } };
}

/** `base` if free, else `base_2`, `base_3`, ...: ids stay readable in the file. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  const stem = base.replace(/_\d+$/, '') || 'node';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const id = `${stem}_${i}`;
    if (!taken.has(id)) return id;
  }
}

/** A fresh edge id (`e1`, `e2`, ...) for a graph. */
export function nextEdgeId(graph: Graph, extra: ReadonlySet<string> = new Set()): string {
  const taken = new Set([...graph.edges.map((e) => e.id), ...extra]);
  for (let i = graph.edges.length + 1; ; i++) if (!taken.has(`e${i}`)) return `e${i}`;
}

/** A readable id for a new node of a type: `lstm`, `lstm_2`, `sequenceInput`, `simpleRNN`... */
export function idForType(type: string, graph: Graph): string {
  // An acronym (LSTM, GRU) reads best all lower-case; a camel name loses only its first capital.
  const base = type === type.toUpperCase() ? type.toLowerCase() : type.charAt(0).toLowerCase() + type.slice(1);
  return uniqueId(base, new Set(graph.nodes.map((n) => n.id)));
}
