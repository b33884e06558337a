import { describe, expect, it } from 'vitest';
import { isAllowedExternal } from './external-links';

describe('links the app opens in the browser', () => {
  it('opens the project pages and the references the help cites', () => {
    expect(isAllowedExternal('https://github.com/seqwire/seqwire#readme')).toBe(true);
    expect(isAllowedExternal('https://keras.io/api/layers/recurrent_layers/lstm/')).toBe(true);
    expect(isAllowedExternal('https://arxiv.org/abs/1308.0850')).toBe(true);
  });

  it('refuses any other https page, other schemes and look-alike hosts', () => {
    for (const url of [
      'https://example.com/',
      'https://evil.example/?https://keras.io/',
      'https://keras.io.evil.example/',
      'https://keras.io@evil.example/',
      'https://user:pw@keras.io/',
      'https://keras.io:8443/',
      'http://keras.io/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});
