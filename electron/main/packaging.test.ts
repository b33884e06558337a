import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)(join(__dirname, '../../electron-builder.config.cjs')) as { electronFuses?: Record<string, boolean>; asar?: boolean };

describe('the packaged app', () => {
  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspector; app only from a checked asar; encrypted cookies', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
