import type { HostServices } from './services';
import { createTrainingService } from '../training/service';
import { modelServices } from './model-services';
import type { OptionDefs } from '../../core/data/options';
import type { FieldDoc } from '../../core/data/define';

interface Documented {
  description: string;
  options: OptionDefs;
  fields: FieldDoc[];
  ids?: string;
}

function describe(name: string, kind: 'builtin' | 'format', d: Documented) {
  return {
    name,
    kind,
    description: d.description,
    options: Object.entries(d.options).map(([option, def]) => ({
      name: option,
      kind: def.kind,
      help: def.help,
      ...(def.default !== undefined ? { default: def.default } : {}),
      ...(def.kind === 'choice' ? { choices: [...def.options] } : {}),
    })),
    fields: d.fields,
    ...(d.ids ? { ids: d.ids } : {}),
  };
}

/**
 * The services this build has, wired to the modules that implement them.
 * Modules load on first use: the window opens without waiting for tfjs or the
 * datasets' packages. A service not listed here answers `not-available`.
 */
export function defaultServices(extra: Partial<HostServices> = {}): HostServices {
  return {
    datasets: async () => {
      const [{ BUILTINS }, { FILE_FORMATS }] = await Promise.all([import('../../core/data/builtins/index'), import('../../core/data/formats/index')]);
      return [...BUILTINS.map((b) => describe(b.name, 'builtin', b)), ...FILE_FORMATS.map((f) => describe(f.format, 'format', f))];
    },
    // The worker thread starts with the first run; tfjs loads there, not here.
    training: createTrainingService(),
    ...modelServices(),
    ...extra,
  };
}
