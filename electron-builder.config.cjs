// electron-builder: `npm run dist` (needs internet: it downloads Electron for
// each target). Resources (icon) live in build/; only what the app runs is
// packed, listed explicitly.

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.seqwire.app',
  productName: 'Seqwire',
  copyright: 'Copyright © Seqwire contributors',
  directories: { buildResources: 'build', output: 'release' },
  files: [
    'package.json',
    'dist/electron/**/*',
    '!dist/electron/**/*.map',
    'dist/renderer/**/*',
    'assets/**/*',
    'build/icon.png',
  ],
  asar: true,
  asarUnpack: [
    // tfjs's WebAssembly backend fetches its .wasm files by path: they must be real files.
    'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm',
    // A native addon cannot load from inside an archive.
    'node_modules/@tensorflow/tfjs-node/**/*',
    // The training worker stays inside: Electron (17.3 and later) loads worker_threads
    // scripts from app.asar, and from there it finds node_modules in the same archive.
  ],
  // tfjs-node is optional and downloads its library at install; never rebuild it here.
  npmRebuild: false,
  // Electron fuses, flipped in the packaged binary (docs/security.md): the app cannot be
  // turned into a plain Node (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), loads its
  // code only from app.asar, checked against its hash where the OS supports it (macOS,
  // Windows), and encrypts its cookie store. Training runs in worker_threads, which
  // need none of these.
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  icon: 'build/icon.png',
  fileAssociations: [
    {
      ext: 'seqwire.json',
      name: 'Seqwire project',
      description: 'A recurrent neural network designed in Seqwire',
      mimeType: 'application/x-seqwire+json',
      role: 'Editor',
      icon: 'build/icon.png',
    },
  ],
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Development;Science',
    maintainer: 'Seqwire contributors',
    synopsis: 'Design, train and watch recurrent neural networks',
  },
  deb: { depends: ['libgtk-3-0', 'libnss3', 'libxss1', 'libxtst6', 'xdg-utils', 'libatspi2.0-0', 'libuuid1', 'libsecret-1-0'] },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools', hardenedRuntime: true },
  dmg: { title: 'Seqwire' },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, allowToChangeInstallationDirectory: true, perMachine: false },
};
