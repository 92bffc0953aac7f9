/**
 * Validation split by source group, never by clip or frame: whole groups go to validation until
 * each class has about `fraction` of its weight (seconds) there. Pure and seeded.
 */
import { Rng } from '../../util/random.js';

export interface Splittable {
  group: string;
  label: string;
  /** Seconds (or any positive weight) the item contributes to its class. */
  weight: number;
}

export interface Split<T> {
  train: T[];
  validation: T[];
  validationGroups: string[];
}

/**
 * Rarest classes (fewest groups) choose first. A group is taken only if every class in it keeps
 * two training groups (one, if it has only two) and at most `2·fraction` of its weight goes to
 * validation; and, while smaller ones remain, never if it alone holds over half of a class (one
 * long song must not leave training without singing). Classes with one group stay in training.
 */
export function splitBySource<T extends Splittable>(items: T[], fraction: number, seed: number): Split<T> {
  const groupsOfClass = new Map<string, Set<string>>();
  const weightOf = new Map<string, number>(); // `${group}\t${label}` → weight
  const classTotal = new Map<string, number>();
  for (const it of items) {
    if (!groupsOfClass.has(it.label)) groupsOfClass.set(it.label, new Set());
    groupsOfClass.get(it.label)!.add(it.group);
    const key = `${it.group}\t${it.label}`;
    weightOf.set(key, (weightOf.get(key) ?? 0) + it.weight);
    classTotal.set(it.label, (classTotal.get(it.label) ?? 0) + it.weight);
  }
  const classesOfGroup = new Map<string, string[]>();
  for (const [label, groups] of groupsOfClass) for (const g of groups) classesOfGroup.set(g, [...(classesOfGroup.get(g) ?? []), label]);

  const order = new Rng(seed).shuffle([...classesOfGroup.keys()].sort());
  const validation = new Set<string>();
  const held = new Map<string, number>();
  const trainingGroupsLeft = (label: string) => [...groupsOfClass.get(label)!].filter((g) => !validation.has(g)).length;
  const labels = [...groupsOfClass.keys()].sort((a, b) => groupsOfClass.get(a)!.size - groupsOfClass.get(b)!.size || a.localeCompare(b));

  for (const label of labels) {
    const total = classTotal.get(label)!;
    const target = fraction * total;
    const candidates = order.filter((g) => groupsOfClass.get(label)!.has(g));
    const share = (g: string) => (weightOf.get(`${g}\t${label}`) ?? 0) / total;
    for (const pass of ['small', 'any'] as const) {
      for (const g of candidates) {
        if ((held.get(label) ?? 0) >= target) break;
        if (validation.has(g)) continue;
        if (pass === 'small' && share(g) > 0.5) continue;
        if (pass === 'any' && (held.get(label) ?? 0) > 0) continue;
        const tooMuch = (l: string) =>
          trainingGroupsLeft(l) <= Math.min(2, groupsOfClass.get(l)!.size - 1) ||
          (held.get(l) ?? 0) + (weightOf.get(`${g}\t${l}`) ?? 0) > 2 * fraction * classTotal.get(l)!;
        if (classesOfGroup.get(g)!.some(tooMuch)) continue;
        validation.add(g);
        for (const l of classesOfGroup.get(g)!) held.set(l, (held.get(l) ?? 0) + (weightOf.get(`${g}\t${l}`) ?? 0));
      }
    }
  }
  return {
    train: items.filter((it) => !validation.has(it.group)),
    validation: items.filter((it) => validation.has(it.group)),
    validationGroups: [...validation].sort(),
  };
}
