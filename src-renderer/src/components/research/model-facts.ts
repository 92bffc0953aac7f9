/** The registry's facts about one model version, as the Models panel words them. */
import type { ModelRole, RegistryModel } from '../../../../src-main/contract/api.js';

export const ROLE_TITLES: Record<ModelRole, string> = { verbal: 'Verbal detector', nonverbal: 'Non-verbal detector', valence: 'Valence model' };
/** In the panel's order; taken from the titles so the renderer does not bundle the contract's validators. */
export const ROLES = Object.keys(ROLE_TITLES) as ModelRole[];

export function inputsText(m: RegistryModel): string {
  const { frontEnd, modalities, events, semantics } = m.inputs;
  if (frontEnd) return frontEnd;
  const parts = [modalities && modalities.length > 0 ? modalities.join(', ') : null, events ? `events: ${events}` : null, semantics ? `semantics: ${semantics}` : null];
  return parts.filter(Boolean).join('; ') || 'not recorded';
}

export function trainingText(m: RegistryModel): string {
  const { films, events, raters, note } = m.training;
  const parts = [
    films === null ? null : `${films} film${films === 1 ? '' : 's'}`,
    events === null ? null : `${events} event${events === 1 ? '' : 's'}`,
    raters === null ? null : `raters: ${raters}`,
    note,
  ];
  return parts.filter(Boolean).join(', ') || 'not recorded';
}

export function heldOutText(m: RegistryModel): string {
  const { metric, value, note } = m.heldOut;
  const figure = value === null ? 'not measured' : value.toFixed(3);
  return note ? `${metric} ${figure} (${note})` : `${metric} ${figure}`;
}

/** Minutes are enough to tell retrains apart; a shipped file may carry no date. */
export const dateText = (m: RegistryModel): string => (m.createdAt ? m.createdAt.slice(0, 16).replace('T', ' ') : 'no date');

/** Why Delete is disabled, or null when it is allowed (the server checks again and may still refuse). */
export function deleteBlock(m: RegistryModel): string | null {
  if (m.shipped) return 'A shipped default cannot be deleted';
  if (m.active) return `The active ${ROLE_TITLES[m.role].toLowerCase()} cannot be deleted: activate another first`;
  return null;
}

/** 'A' or 'B' for a version picked for a comparison (in pick order), null when not picked. */
export function pickLetter(picked: readonly string[], version: string): 'A' | 'B' | null {
  const at = picked.indexOf(version);
  return at === 0 ? 'A' : at === 1 ? 'B' : null;
}
