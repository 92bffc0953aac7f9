/**
 * The model inputs: content-based audio-visual modalities and the sound-semantic ones, and the
 * "events" settings of the paper's Table II rows, which pick the sound-semantic modalities.
 */
import type { AvModality } from '../../contract/domain.js';

export { AV_MODALITIES, type AvModality } from '../../contract/domain.js';
export const SS_MODALITIES = ['verbal', 'nonverbal'] as const;
export type SsModality = (typeof SS_MODALITIES)[number];
export type Modality = AvModality | SsModality;

export { EVENT_SETTINGS, type EventSetting } from '../../contract/domain.js';
import type { EventSetting } from '../../contract/domain.js';

export function semanticModalities(events: EventSetting): SsModality[] {
  return events === 'none' ? [] : events === 'all' ? ['verbal', 'nonverbal'] : [events];
}

export const isSemantic = (m: Modality): m is SsModality => (SS_MODALITIES as readonly string[]).includes(m);

/** Where sound semantics come from: a detector's descriptor sets, or the annotated events. */
export type SemanticsSource = 'sed' | 'events';

/** One modality as a model sees it: its name and feature count per frame. */
export interface ModalityInput {
  modality: Modality;
  dims: number;
}
