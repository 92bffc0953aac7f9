/**
 * Curve colours: a fixed palette, each name hashed to a slot so a rater keeps their colour across
 * films and sessions; two names of one film that hash to the same slot take the next free one, so the
 * curves on screen never share a colour while the palette lasts.
 */

/** Warm and saturated: readable over the dark band fills, apart from the predictions' cool hues and the mean's white. */
export const RATER_PALETTE = ['#f2c14e', '#ff7f50', '#e05da0', '#a0d050', '#e8e070', '#d08040', '#c090f0', '#ff9d9d'] as const;
/** Cool hues for model predictions. */
export const MODEL_PALETTE = ['#4fd1e0', '#5b8def', '#40c0a0', '#8fb8ff'] as const;
/** The mean of raters: white, so it reads as the summary of the warm rater curves. */
export const MEAN_COLOR = '#ffffff';

/** FNV-1a: a stable, well-spread hash of a short string. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A colour per name from `palette`; names are taken in sorted order so the result depends only on the set. */
export function assignColors(names: readonly string[], palette: readonly string[]): Map<string, string> {
  const taken = new Set<number>();
  const out = new Map<string, string>();
  for (const name of [...new Set(names)].sort()) {
    let slot = hashName(name) % palette.length;
    for (let tries = 0; taken.has(slot) && tries < palette.length; tries++) slot = (slot + 1) % palette.length;
    taken.add(slot);
    out.set(name, palette[slot]);
  }
  return out;
}
