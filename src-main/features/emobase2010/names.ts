/**
 * openSMILE's feature names for emobase2010, generated rather than read from a file: the 38 LLDs, the
 * 76 LLD CSV columns and the 1,582 functional columns, in openSMILE's order.
 */
import { FUNCTIONALS, VOICED_FUNCTIONALS } from './functionals.js';

interface LldName {
  base: string;
  index?: number;
}

const indexed = (base: string, n: number): LldName[] => Array.from({ length: n }, (_, index) => ({ base, index }));

/** The 34 LLDs that get all 21 functionals, in output order. */
const MAIN_LLDS: LldName[] = [
  { base: 'pcm_loudness' },
  ...indexed('pcm_fftMag_mfcc', 15),
  ...indexed('logMelFreqBand', 8),
  ...indexed('lspFreq', 8),
  { base: 'F0finEnv' },
  { base: 'voicingFinalUnclipped' },
];
/** The 4 LLDs whose functionals cover voiced (non-zero) frames only. */
const VOICED_LLDS: LldName[] = [{ base: 'F0final' }, { base: 'jitterLocal' }, { base: 'jitterDDP' }, { base: 'shimmerLocal' }];

export const MAIN_LLD_COUNT = MAIN_LLDS.length;
export const VOICED_LLD_COUNT = VOICED_LLDS.length;

/** `<base>_sma[_de][index]`: openSMILE appends suffixes before the array index. */
const column = ({ base, index }: LldName, suffix: string): string => `${base}${suffix}${index === undefined ? '' : `[${index}]`}`;

/** The 76 LLD CSV columns: smoothed main LLDs, their deltas, smoothed voiced LLDs, their deltas. */
export function lldColumnNames(): string[] {
  return [
    ...MAIN_LLDS.map((l) => column(l, '_sma')),
    ...MAIN_LLDS.map((l) => column(l, '_sma_de')),
    ...VOICED_LLDS.map((l) => column(l, '_sma')),
    ...VOICED_LLDS.map((l) => column(l, '_sma_de')),
  ];
}

/** The 1,582 functional columns, LLD-major within each block. */
export function featureNames(): string[] {
  const block = (llds: LldName[], suffix: string, functionals: readonly string[]) =>
    llds.flatMap((l) => functionals.map((f) => `${column(l, suffix)}_${f}`));
  return [
    ...block(MAIN_LLDS, '_sma', FUNCTIONALS),
    ...block(MAIN_LLDS, '_sma_de', FUNCTIONALS),
    ...block(VOICED_LLDS, '_sma', VOICED_FUNCTIONALS),
    ...block(VOICED_LLDS, '_sma_de', VOICED_FUNCTIONALS),
    'F0final__Turn_numOnsets',
    'F0final__Turn_duration',
  ];
}

export const FEATURE_COUNT = 2 * MAIN_LLD_COUNT * FUNCTIONALS.length + 2 * VOICED_LLD_COUNT * VOICED_FUNCTIONALS.length + 2;
export const LLD_COLUMN_COUNT = 2 * (MAIN_LLD_COUNT + VOICED_LLD_COUNT);
