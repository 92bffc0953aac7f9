/**
 * The rate every analysis hears a soundtrack at: the emobase2010 descriptors (openSMILE's config),
 * both detector front ends, waveform peaks, and the soundscapes the detectors are trained on.
 */
export const ANALYSIS_SAMPLE_RATE = 16_000;
