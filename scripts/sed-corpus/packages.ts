// Debian packages mined for the SED corpus, with per-package category rules.
//
// Rules are matched (case-insensitively, first match wins) against the file's
// path inside the extracted package, e.g. "usr/share/games/torcs/data/sound/skid.wav";
// members of .zip/.pk3 archives are written "path/to/archive.zip:member/path.ogg".
// A file that matches no rule is NOT used: rules whitelist folders that were
// inspected by hand, so unknown sounds never slip in. category null = explicit skip.
// For role "bed" every path also has to pass voice-filter.ts.
//
// `licence` is the curated short licence of the files we use (checked against
// /usr/share/doc/<pkg>/copyright when this list was made); the script also
// summarises the copyright file itself and reports it in LICENCES.md.

export type Role = 'bed' | 'voice';
export type BedCategory = 'music' | 'ambience' | 'effects' | 'animals' | 'vehicles';
export type VoiceCategory =
  | 'speech_male' | 'speech_female' | 'crowd' | 'singing' | 'shouting' | 'crying' | 'breathing' | 'laughter';
/** 'speech' is resolved to speech_male / speech_female (or dropped) from the median F0. */
export type RuleCategory = BedCategory | VoiceCategory | 'speech';

export interface Rule {
  match: RegExp;
  category: RuleCategory | null;
  /** Speaker sex stated by the package (folder name); a clip whose F0 disagrees is dropped. */
  sex?: 'M' | 'F';
}

export interface PackageSpec {
  pkg: string;
  role: Role;
  licence: string;
  rules: Rule[];
}

const r = (match: RegExp, category: RuleCategory | null, sex?: 'M' | 'F'): Rule => ({ match, category, sex });

export const PACKAGES: PackageSpec[] = [
  // ---------------------------------------------------------------- beds
  { pkg: 'asterisk-moh-opsound-wav', role: 'bed', licence: 'CC-BY-SA-3.0',
    // opsound.org music-on-hold tracks; all five are instrumental.
    rules: [r(/moh\/.*\.wav$/, 'music')] },
  { pkg: 'naev-data', role: 'bed', licence: 'GPL-2+ AND CC-BY-SA-3.0 AND CC-BY-3.0 AND CC0-1.0',
    rules: [r(/snd\/music\//, 'music'), r(/snd\/sounds\//, 'effects')] },
  { pkg: 'supertux-data', role: 'bed', licence: 'GPL-2+ AND CC-BY-SA-3.0 AND CC-BY-SA-4.0',
    // music/antarctic/voc-* tracks are left out by the voice filter ("voc" may mean vocals).
    rules: [r(/\/speech\//, null), r(/\/music\//, 'music'), r(/sounds\/rain\./, 'ambience'),
      r(/supertux2\/sounds\//, 'effects')] },
  { pkg: 'scorched3d-data', role: 'bed', licence: 'GPL-2+',
    rules: [
      r(/misc\/(bats\d|birdchirp\d|birds\d|frogs|gull\d|wolf|cows|dog\d?|moo|rooster|sheep)\.wav$/, 'animals'),
      r(/explosions\/bees(ting)?\.wav$/, 'animals'),
      r(/misc\/(apache_1|f16_\d|f18_\d|jet|cessna|helicopter|firetruck|policecar|carhorn\d|t38)\.wav$/, 'vehicles'),
      r(/movement\/tankmove\.wav$/, 'vehicles'),
      // citysounds.wav is left out: a city bed may carry voices.
      r(/misc\/(oceanwaves|rain|thunder\d?|lava\d|factoryloop\d|nuclearloop)\.wav$/, 'ambience'),
      r(/data\/music\//, 'music'),
      r(/misc\/(beep2?|camera|teleport|splash|rocket|riftcollapse)\.wav$/, 'effects'),
      r(/wav\/(explosions|shoot|shield|movement|battery)\//, 'effects'),
    ] },
  { pkg: 'torcs-data', role: 'bed', licence: 'GPL-2+ AND Free-Art-License',
    rules: [r(/data\/music\//, 'music'),
      r(/sound\/(crash\d|boom|bottom_crash|skid_metal|out_of_road[^/]*|axle|locked|clkdtmb2|gear_change\d)\.wav$/, 'effects'),
      r(/data\/sound\/.*\.wav$/, 'vehicles')] },
  { pkg: 'minetest-data', role: 'bed', licence: 'CC-BY-SA-3.0 AND CC0-1.0 AND LGPL-2.1+',
    rules: [r(/devtest\//, null), r(/env_sounds\/sounds\//, 'ambience'),
      r(/fire\/sounds\/fire_(fire|large|small)/, 'ambience'), r(/carts\/sounds\//, 'vehicles'),
      r(/mods\/[^/]+\/sounds\//, 'effects')] },
  { pkg: '0ad-data', role: 'bed', licence: 'CC-BY-SA-3.0',
    // audio/music is skipped (unsure whether some tracks carry vocals); so are
    // human actor sounds, voices, interface alarms, mounted (horse + rider) and ship
    // sounds (rowers?), and ambient/building (farm / port / trade loops may hold chatter).
    rules: [r(/:audio\/ambient\/building\//, null), r(/:audio\/ambient\//, 'ambience'),
      r(/:audio\/actor\/fauna\/animal\//, 'animals'),
      r(/:audio\/attack\/(weapon|impact|siege|destruction|fire)\//, 'effects'),
      r(/:audio\/resource\//, 'effects'), r(/:audio\/actor\/(gate|singlesteps)\//, 'effects')] },
  { pkg: 'cube2-data', role: 'bed', licence: 'CC-BY-SA-3.0 AND CC-BY-3.0 AND Zlib',
    rules: [r(/sounds\/(q009|sfx)\//, 'effects'), r(/sounds\/0ad\/(thunder|windgust)/, 'ambience'),
      r(/sounds\/0ad\/fs_sand/, 'effects'), r(/yo_frankie\/(amb_waterdrip|watersplash)/, 'ambience'),
      r(/audioaugust\/chainsaw\//, 'effects'), r(/michaelbierylo\//, 'effects'),
      r(/packages\/music\//, 'music'),
      r(/aard\/(bang|itempick|land|outofammo|tak|weapload)\.wav$/, 'effects')] },
  { pkg: 'redeclipse-data', role: 'bed', licence: 'CC-BY-SA-3.0 AND CC-BY-3.0 AND CC0-1.0',
    // music tracks skipped (not verified instrumental); player/voice/announcer never matched.
    rules: [r(/sounds\/ambience\//, 'ambience'), r(/sounds\/(weapons|sfx|interface)\//, 'effects')] },
  { pkg: 'endless-sky-data', role: 'bed', licence: 'GPL-3+ AND CC-BY-SA-3.0 AND CC-BY-3.0 AND CC0-1.0',
    rules: [r(/sounds\/ambient\//, 'ambience'), r(/sounds\/[^/]+\.wav$/, 'effects')] },
  { pkg: 'trigger-rally-data', role: 'bed', licence: 'GPL-2+ AND CC-BY-3.0 AND CC0-1.0',
    rules: [r(/:sounds\/(engine|gear|gravel)\.wav$/, 'vehicles'), r(/:sounds\/bang\.wav$/, 'effects'),
      r(/:sounds\/wind\.wav$/, 'ambience')] },
  { pkg: 'etw-data', role: 'bed', licence: 'GPL-2+',
    rules: [r(/etw\/music\//, 'music'), r(/intro\/(engine|brake)\.wav$/, 'vehicles'),
      r(/intro\/(bombdrop|ground)\.wav$/, 'effects'), r(/snd\/dog\.wav$/, 'animals'),
      r(/snd\/(cannon|crash|fischiocorto|fischiolungo|palo|shot|shoot\d?)\.wav$/, 'effects')] },
  { pkg: 'powermanga-data', role: 'bed', licence: 'GPL-3+',
    rules: [r(/\/music_[^/]+\.ogg$/, 'music'), r(/powermanga\/sounds\//, 'effects')] },
  { pkg: 'chromium-bsu-data', role: 'bed', licence: 'Artistic-1.0 AND Clarified-Artistic',
    rules: [r(/wav\/music_/, 'music'), r(/wav\/[^/]+\.wav$/, 'effects')] },
  { pkg: 'frozen-bubble-data', role: 'bed', licence: 'GPL-2+',
    rules: [r(/snd\/(frozen-mainzik-[12]p|introzik)\.ogg$/, 'music'),
      r(/snd\/(launch|rebound|stick|destroy_group|newroot|newroot_solo|malus|menu_change|menu_selected|typewriter|cancel|pause)\.ogg$/, 'effects')] },
  { pkg: 'lmms-common', role: 'bed', licence: 'GPL-2+',
    // stringsnpads (choir/chorus pads) and synthetic waveforms/shapes are skipped.
    rules: [r(/samples\/(drums|beats|instruments|latin|basses|bassloops)\//, 'music'),
      r(/samples\/effects\//, 'effects'),
      r(/samples\/misc\/(dong|hit|metalish_dong|metronome|electric_ping|snaph)\d*\.ogg$/, 'effects')] },
  { pkg: 'sonic-pi-samples', role: 'bed', licence: 'CC0-1.0 AND CC-BY-3.0 AND CC-BY-SA-3.0',
    // misc_burp (human) and robot/phone voices are skipped; misc_crow is an animal.
    rules: [r(/samples\/misc_crow\./, 'animals'), r(/samples\/misc_cineboom\./, 'effects'),
      r(/samples\/(mehackit_|glitch_robot|misc_)/, null),
      r(/samples\/(ambi|bass|bd|drum|elec|glitch|guit|loop|perc|sn|tabla)_/, 'music'),
      r(/samples\/vinyl_/, 'effects')] },
  { pkg: 'sound-theme-freedesktop', role: 'bed', licence: 'GPL-2+ AND CC-BY-SA-3.0 AND CC-BY-3.0',
    // audio-channel-* are spoken ("front left"); the test signal is pink noise.
    rules: [r(/audio-channel|audio-test-signal/, null), r(/stereo\/[^/]+\.oga$/, 'effects')] },
  { pkg: 'tuxfootball', role: 'bed', licence: 'GPL-2+',
    rules: [r(/sound\/(ingame|titlemusic)\.ogg$/, 'music'),
      r(/sound\/(beep|bounce|kick|refwhistle\w*|select_beep|increment_beep|decrement_beep)\.wav$/, 'effects')] },
  { pkg: 'pingus-data', role: 'bed', licence: 'GPL-3+',
    rules: [r(/sounds\/(chink|digger|plop2?|splash|tick|ting)\.wav$/, 'effects')] },
  { pkg: 'tecnoballz-data', role: 'bed', licence: 'GPL-3+',
    rules: [r(/tecnoballz\/sounds\/[^/]+\.wav$/, 'effects')] },
  { pkg: 'lbreakout2-data', role: 'bed', licence: 'GPL-2+',
    // several lbreakout2 sounds are spoken ("excellent", "damn", ...): only clear SFX are listed.
    rules: [r(/sounds\/(attach|click|exp|expl_ball|metal|reflect_brick|reflect_paddle|shot|wall|menu_click|menu_motion)\.wav$/, 'effects')] },

  // ---------------------------------------------------------------- voices
  { pkg: 'klettres-data', role: 'voice', licence: 'GPL-2+',
    rules: [r(/klettres\/[^/]+\/(alpha|syllab)\//, 'speech')] },
  { pkg: 'kajongg', role: 'voice', licence: 'GPL-2+',
    // Folder names state the speaker's sex; clips where F0 says otherwise are dropped.
    rules: [r(/kajongg\/voices\/(de\/)?female\d\//, 'speech', 'F'), r(/kajongg\/voices\/(de\/)?male\d\//, 'speech', 'M')] },
  { pkg: 'trigger-rally-data', role: 'voice', licence: 'GPL-2+ AND CC-BY-3.0 AND CC0-1.0',
    // paula / tim words are all shorter than 0.5 s, so in practice only "ab" survives.
    rules: [r(/:sounds\/codriver\/paula\//, 'speech', 'F'), r(/:sounds\/codriver\/tim\//, 'speech', 'M'),
      r(/:sounds\/codriver\//, 'speech')] },
  // hedgewars-data voices were tried and rejected: they are pitch-shifted cartoon
  // hedgehog voices (median F0 240-440 Hz for every pack), so the F0 sex split is meaningless.
  { pkg: 'redeclipse-data', role: 'voice', licence: 'CC-BY-SA-3.0 AND CC-BY-3.0 AND CC0-1.0',
    rules: [r(/sounds\/voice\/haha\d?\.ogg$/, 'laughter'), r(/sounds\/voice\/argh\d?\.ogg$/, 'shouting'),
      r(/sounds\/voice\/(pzap|boom)\d?\.ogg$/, null), r(/sounds\/(voice|announcer)\//, 'speech')] },
  { pkg: '0ad-data', role: 'voice', licence: 'CC-BY-SA-3.0',
    rules: [r(/:audio\/voice\/[^/]+\/civ\//, 'speech')] },
  { pkg: 'etw-data', role: 'voice', licence: 'GPL-2+',
    rules: [r(/etw\/crowd\/crowd\d+\.wav$/, 'crowd'), r(/snd\/crowd\.wav$/, 'crowd')] },
  { pkg: 'tuxfootball', role: 'voice', licence: 'GPL-2+',
    rules: [r(/sound\/crowd(boo|cheer|ooh)\.wav$/, 'crowd')] },
  { pkg: 'scorched3d-data', role: 'voice', licence: 'GPL-2+',
    rules: [r(/misc\/(scream\d|screaming)\.wav$/, 'shouting'), r(/misc\/cheeringloop\.wav$/, 'crowd')] },
  { pkg: 'lmms-common', role: 'voice', licence: 'GPL-2+',
    rules: [r(/misc\/(applause|raving_crowd)01\.ogg$/, 'crowd'), r(/misc\/breath01\.ogg$/, 'breathing')] },
  { pkg: 'frozen-bubble-data', role: 'voice', licence: 'GPL-2+',
    rules: [r(/snd\/applause\.ogg$/, 'crowd'), r(/snd\/snore\.ogg$/, 'breathing')] },
  { pkg: 'sonic-pi-samples', role: 'voice', licence: 'CC0-1.0 AND CC-BY-3.0 AND CC-BY-SA-3.0',
    rules: [r(/samples\/ambi_choir\./, 'singing')] },
];

/** Per-package cap on total clip duration (seconds) and per-clip trim length. */
export const PACKAGE_CAP_S = 20 * 60;
export const CLIP_MAX_S = 60;
export const CLIP_MIN_S = 0.5;
