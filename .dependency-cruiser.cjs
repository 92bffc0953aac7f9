/**
 * The one-way layering of src-main, checked by `npm run lint:deps` (part of `npm test`).
 * The chain: media → descriptors (features, visual, motion) → events (sed, events) → valence → store
 * → analysis → jobs → api → transports/app → cli/shell. Each room lists the rooms it may import;
 * anything else is a back-up import. contract/ (types and schemas) and util/ are open to all.
 */
const ALLOWED = {
  util: [],
  contract: ['util'],
  media: ['contract', 'util'],
  ml: ['contract', 'util'],
  features: ['contract', 'util', 'media'],
  motion: ['contract', 'util', 'media', 'ml'],
  visual: ['contract', 'util', 'media', 'ml', 'motion'],
  sed: ['contract', 'util', 'media', 'ml', 'features'],
  events: ['contract', 'util'],
  valence: ['contract', 'util', 'media', 'ml', 'features', 'motion', 'visual', 'sed', 'events'],
  store: ['contract', 'util', 'media', 'events'],
  analysis: ['contract', 'util', 'media', 'ml', 'features', 'motion', 'visual', 'sed', 'events', 'valence', 'store'],
  jobs: ['contract', 'util', 'media', 'ml', 'features', 'motion', 'visual', 'sed', 'events', 'valence', 'store', 'analysis'],
  api: ['contract', 'util', 'media', 'ml', 'features', 'motion', 'visual', 'sed', 'events', 'valence', 'store', 'analysis', 'jobs'],
  transports: ['contract', 'util', 'api'],
  app: ['contract', 'util', 'store', 'api'],
  cli: ['contract', 'util', 'media', 'ml', 'features', 'motion', 'visual', 'sed', 'events', 'valence', 'store', 'analysis', 'jobs', 'api', 'transports', 'app'],
  shell: ['contract', 'util', 'media', 'app', 'transports'],
};

const rooms = Object.keys(ALLOWED);

module.exports = {
  forbidden: [
    ...rooms.map((room) => ({
      name: `${room}-stays-in-its-layer`,
      comment: `${room}/ may import only ${ALLOWED[room].join(', ') || 'nothing outside itself'}`,
      severity: 'error',
      from: { path: `^src-main/${room}/` },
      to: { path: '^src-main/', pathNot: `^src-main/(${[room, ...ALLOWED[room]].join('|')})/` },
    })),
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'no-orphans',
      comment: 'a module nothing imports is dead code (entry points excepted)',
      severity: 'error',
      from: {
        orphan: true,
        // Entry points: the shell, the CLI, worker scripts and the repo's own scripts.
        pathNot: ['\\.d\\.ts$', '^src-main/shell/', '^src-main/cli/index\\.ts$', '-worker\\.ts$', '^scripts/'],
      },
      to: {},
    },
    { name: 'no-unknown-rooms', severity: 'error', from: { path: '^src-main/', pathNot: `^src-main/(${rooms.join('|')})/` }, to: {} },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.main.json' },
    // scripts/ is cruised too, so modules only the scripts use are not taken for orphans.
    includeOnly: '^(src-main|scripts)/',
  },
};
