import type { HostServices } from './services';
import { createTrainingService } from '../training/service';
import { modelServices } from './model-services';

/**
 * The services this build has, wired to the modules that implement them.
 * Modules load on first use: the window opens without waiting for tfjs or the
 * datasets' packages. A service not listed here answers `not-available`.
 */
export function defaultServices(extra: Partial<HostServices> = {}): HostServices {
  return {
    datasets: async () => {
      // The same catalogue `seqwire datasets` prints, loaded on first use.
      const { describeDatasets } = await import('../../core/data/catalogue');
      return describeDatasets();
    },
    // The worker thread starts with the first run; tfjs loads there, not here.
    training: createTrainingService(),
    ...modelServices(),
    ...extra,
  };
}
