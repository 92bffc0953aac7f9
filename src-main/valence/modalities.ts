/**
 * The model inputs: content-based audio-visual modalities and the sound-semantic ones, and the
 * "events" settings of the paper's Table II rows, which pick the sound-semantic modalities.
 */
export const AV_MODALITIES = ['audio', 'visual', 'motion'] as const;
export const SS_MODALITIES = ['verbal', 'nonverbal'] as const;
export type AvModality = (typeof AV_MODALITIES)[number];
export type SsModality = (typeof SS_MODALITIES)[number];
export type Modality = AvModality | SsModality;

export { EVENT_SETTINGS, type EventSetting } from '../contract/domain.js';
import type { EventSetting } from '../contract/domain.js';

export function semanticModalities(events: EventSetting): SsModality[] {
  return events === 'none' ? [] : events === 'all' ? ['verbal', 'nonverbal'] : [events];
}

export const isSemantic = (m: Modality): m is SsModality => (SS_MODALITIES as readonly string[]).includes(m);

/** One modality as a model sees it: its name and feature count per frame. */
export interface ModalityInput {
  modality: Modality;
  dims: number;
}
