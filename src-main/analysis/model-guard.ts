/**
 * The regression guard a retrain passes before it becomes active: it and the active model are scored
 * on the same held-out material; a worse one is kept in the project (someone may still want it) but
 * the active one stays, and the sentence says so with both figures.
 */

export interface GuardFigures {
  /** The main metric's name as people read it ("macro segment F1", "Acc"). */
  metric: string;
  retrained: number;
  previous: number;
  previousVersion: string;
}

export interface GuardVerdict {
  activated: boolean;
  /** Why it was not activated, or that it was activated although worse; absent when it was not worse. */
  reason?: string;
}

/** `what`: the model in words ("verbal detector"); `anyway`: the user asked to activate it even if worse. */
export function regressionVerdict(what: string, newVersion: string, f: GuardFigures, anyway: boolean): GuardVerdict {
  // Equal counts as not worse: a retrain that changed nothing measurable replaces the old one, as before.
  if (f.retrained + 1e-9 >= f.previous) return { activated: true };
  const figures = `${f.metric} ${f.retrained.toFixed(3)} against ${f.previous.toFixed(3)} for ${f.previousVersion}`;
  if (anyway) return { activated: true, reason: `the retrained ${what} scored lower on the held-out material (${figures}); activated anyway, as asked` };
  return {
    activated: false,
    reason: `the retrained ${what} scored lower on the held-out material (${figures}); stored as ${newVersion}, not activated: ${f.previousVersion} stays active (activate ${newVersion} in the model registry to use it anyway)`,
  };
}
