/**
 * Maximum-cardinality bipartite matching (Hopcroft–Karp), a line-by-line port of the
 * `bipartite_match` that sed_eval borrows from mir_eval (after D. Eppstein), including its visiting
 * order, so the same events are matched and sed_eval's substitution count (taken greedily over the
 * unmatched leftovers) comes out the same.
 *
 * `graph` maps each left vertex to its right neighbours, in insertion order; the result maps right
 * vertices to their left match.
 */
export function bipartiteMatch(graph: Map<number, number[]>): Map<number, number> {
  const matching = new Map<number, number>();
  for (const [u, vs] of graph) {
    for (const v of vs) {
      if (!matching.has(v)) {
        matching.set(v, u);
        break;
      }
    }
  }
  const FREE = -1; // stands for Python's `pred[u] is unmatched` flag
  for (;;) {
    const preds = new Map<number, number[]>();
    const unmatched: number[] = [];
    const pred = new Map<number, number>([...graph.keys()].map((u) => [u, FREE]));
    for (const u of matching.values()) pred.delete(u);
    let layer = [...pred.keys()];
    while (layer.length > 0 && unmatched.length === 0) {
      const newLayer = new Map<number, number[]>();
      for (const u of layer) {
        for (const v of graph.get(u)!) {
          if (!preds.has(v)) {
            if (!newLayer.has(v)) newLayer.set(v, []);
            newLayer.get(v)!.push(u);
          }
        }
      }
      layer = [];
      for (const [v, us] of newLayer) {
        preds.set(v, us);
        if (matching.has(v)) {
          layer.push(matching.get(v)!);
          pred.set(matching.get(v)!, v);
        } else {
          unmatched.push(v);
        }
      }
    }
    if (unmatched.length === 0) return matching;
    const recurse = (v: number): boolean => {
      const us = preds.get(v);
      if (us !== undefined) {
        preds.delete(v);
        for (const u of us) {
          if (pred.has(u)) {
            const pu = pred.get(u)!;
            pred.delete(u);
            if (pu === FREE || recurse(pu)) {
              matching.set(v, u);
              return true;
            }
          }
        }
      }
      return false;
    };
    for (const v of unmatched) recurse(v);
  }
}
