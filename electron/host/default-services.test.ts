import { describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/contract';
import { describeDatasets } from '../../core/data/catalogue';
import { defaultServices } from './default-services';
import { createHost } from './host';

describe('the dataset catalogue the window gets', () => {
  it('is the catalogue the command line prints, option ranges and field dims included', async () => {
    const host = createHost({ kind: 'electron', version: '0.0.0', dataDir: '/nonexistent', assetsDir: '/nonexistent', projectRoot: null, dialogs: {} as never, services: defaultServices(), emit: () => {} });
    const reply = await dispatch(host.handlers, 'listDatasets', {});
    expect(reply).toEqual({ ok: true, result: { datasets: describeDatasets() } });
    const sine = describeDatasets().find((d) => d.name === 'sine')!;
    expect(sine.options.some((o) => o.min !== undefined)).toBe(true);
    expect(sine.fields.every((f) => f.dims.length > 0)).toBe(true);
  });
});
