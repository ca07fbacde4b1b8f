/**
 * Progress roll-up, sub-actions → action → goal → plan, **averaged**: each item counts equally among its
 * siblings, whatever its size or dates (no weights are recorded). A leaf action counts with its approved
 * progress; an action with sub-actions counts with the average of its sub-actions (its own reported percent
 * is shown beside it); dropped actions are left out. Nothing to count gives null ("no progress yet").
 */
export type RollupNode = { id: string; status: string; progress: number; children: RollupNode[] };

export function rolledUp(node: RollupNode): number | null {
  if (node.status === "dropped") return null;
  if (node.children.length === 0) return node.progress;
  return average(node.children.map(rolledUp));
}

export function average(values: (number | null)[]): number | null {
  const counted = values.filter((value): value is number => value !== null);
  if (counted.length === 0) return null;
  return Math.round(counted.reduce((sum, value) => sum + value, 0) / counted.length);
}

/** Builds the trees of a goal's actions from their flat rows, in position order. */
export type Tree<T> = T & { children: Tree<T>[] };

export function buildTrees<T extends { id: string; parentId: string | null; position: number }>(
  rows: T[],
): Tree<T>[] {
  const nodes = new Map<string, Tree<T>>(rows.map((row) => [row.id, { ...row, children: [] }]));
  const roots: Tree<T>[] = [];
  for (const node of [...nodes.values()].sort((a, b) => a.position - b.position)) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
