/** A stored model as the UI lists it: its identity and one line on how it scored on held-out data. */
import type { ModelInfo } from '../contract/domain.js';
import type { StoredModelInfo } from '../store/repos/models.js';
import { staleSemantics, type DetectorVersions } from '../analysis/detector-versions.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** The parts of a stored model's metrics this line reads: a detector's or a valence model's. */
interface Metrics {
  note?: string;
  segmentBased?: { classWiseAverage?: { fMeasure?: number } };
  validation?: { movie: number; acc: number; acc1: number };
}

function summary(m: StoredModelInfo): string {
  const metrics = m.metrics as Metrics | null;
  const label = (m.trainingSummary as { label?: string } | null)?.label;
  const sedF1 = metrics?.segmentBased?.classWiseAverage?.fMeasure;
  if (typeof sedF1 === 'number') return `held-out segment F1 ${sedF1.toFixed(2)} (${metrics?.note ?? 'validation'})`;
  const v = metrics?.validation;
  const scored = v && typeof v.acc === 'number' ? `validation movie ${v.movie}: Acc ${pct(v.acc)}, Acc±1 ${pct(v.acc1)}` : 'no validation movie';
  return label ? `${label}; ${scored}` : scored;
}

/** `detectors`: the versions the project analyses with now, to flag valence models trained on others. */
export function modelInfo(m: StoredModelInfo, detectors: DetectorVersions = {}): ModelInfo {
  const stale = staleSemantics(m, detectors);
  return { id: m.id, kind: m.kind, architecture: m.architecture, version: m.version, createdAt: m.createdAt, summary: stale ? `${summary(m)}; ${stale}` : summary(m) };
}
