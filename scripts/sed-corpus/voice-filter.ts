// Path-based guard that keeps human voices out of the "bed" (negative) role.
// Beds are used as "no human sound here" training material, so a false keep is
// far worse than a false drop: every rule below errs towards dropping.
//
// Matching is done on word tokens (split on non-letters and camelCase) rather
// than raw substrings, because substrings misfire badly on game assets:
// "man" in "powermanga", "fall" in "waterfall", "cry" in "crystallo", "pain" in "paint".

/** Stems that mark a voice wherever they occur inside a token (e.g. "laserdeath", "bigjump"). */
const CONTAINS = [
  'voice', 'vox', 'speech', 'speak', 'talk', 'announc', 'narrat', 'dialog', 'taunt',
  'death', 'scream', 'shout', 'laugh', 'giggle', 'vocal', 'choir', 'chant', 'chorus',
  'breath', 'gasp', 'cough', 'sneeze', 'snore', 'crowd', 'cheer', 'applau', 'player',
  'grunt', 'jump', 'drown', 'codriver', 'singer', 'beatbox',
  // spoken words and exclamations found in game sound folders during the survey
  'excellent', 'damn', 'dammit', 'verygood', 'wontgiveup', 'goodidea', 'letsgo', 'ohno',
  'yipee', 'yoohoo', 'ouch', 'oops', 'hello', 'hallelujah', 'boou', 'buuan', 'fight',
  'hurry', 'kiss',
];

/** Tokens that mark a voice only as a whole word (too short to use as stems). */
const EXACT = new Set([
  'say', 'says', 'die', 'dies', 'dead', 'hurt', 'pain', 'yell', 'yells', 'cry', 'cries', 'sob',
  'sing', 'sings', 'kid', 'kids', 'child', 'children', 'baby', 'man', 'men', 'woman', 'women',
  'girl', 'girls', 'boy', 'boys', 'fall', 'gib', 'gibs', 'noh', 'ow', 'ooff', 'argh', 'haha',
  'speech', 'voc', 'play',
]);

/** Lower-case word tokens of a path ("Sounds/voices/Jump1.ogg" -> sounds, voices, jump, ogg). */
export function pathTokens(path: string): string[] {
  return path
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((t) => t.length > 0);
}

/** Returns the offending token if the path suggests a human voice, otherwise null. */
export function voiceHint(path: string): string | null {
  for (const tok of pathTokens(path)) {
    if (EXACT.has(tok)) return tok;
    for (const stem of CONTAINS) if (tok.includes(stem)) return tok;
  }
  return null;
}
