/** Public surface of the emobase2010 extractor; everything else in this folder is its machinery. */
export { createEmobase2010Extractor, extractEmobase2010, type Emobase2010Extractor, type Emobase2010Options } from './extractor.js';
export { featureNames, lldColumnNames, FEATURE_COUNT, LLD_COLUMN_COUNT } from './names.js';
export { CsvBytes, functionalsHeader, lldHeader } from './csv.js';
export { SAMPLE_RATE } from './config.js';
