/**
 * The feature sets of `npm run train:sed-default`: what each is drawn from and how. `train` and
 * `calibration` use only training packages; the `test-*` sets only held-out ones.
 */
export interface SetSpec {
  kind: 'soundscapes' | 'beds';
  sources: 'train' | 'test';
  seed: number;
  count: number;
  /** Examples with no event at all. */
  negativeShare: number;
  /** Over near-silence; the rest over real beds, or synthetic music. */
  quietShare: number;
  syntheticMusicShare: number;
  eventCount: [number, number];
}

const soundscapes = (o: Partial<SetSpec> & Pick<SetSpec, 'sources' | 'seed' | 'count'>): SetSpec => ({
  kind: 'soundscapes',
  negativeShare: 0.3,
  quietShare: 0.25,
  syntheticMusicShare: 0.05,
  eventCount: [1, 4],
  ...o,
});

export const SETS: Record<string, SetSpec> = {
  train: soundscapes({ sources: 'train', seed: 1, count: 4000 }),
  calibration: soundscapes({ sources: 'train', seed: 2, count: 400 }),
  'test-quiet': soundscapes({ sources: 'test', seed: 3, count: 240, negativeShare: 0, quietShare: 1, syntheticMusicShare: 0 }),
  'test-bed': soundscapes({ sources: 'test', seed: 4, count: 240, negativeShare: 0, quietShare: 0, syntheticMusicShare: 0 }),
  'test-fa': { kind: 'beds', sources: 'test', seed: 5, count: 0, negativeShare: 1, quietShare: 0, syntheticMusicShare: 0, eventCount: [0, 0] },
};
