/**
 * How many threads a job runs with. A job's own request (its params, the CLI's --threads) is taken
 * as given; the project's setting is held to this machine's cores, since a project made on a
 * 16-core machine may be opened on a 2-core one; without either, one thread per core.
 */

export interface ThreadChoice {
  /** The job's own params; wins over the setting. */
  requested?: number;
  /** The project's `threads` setting; null is automatic. */
  setting: number | null;
  /** This machine's cores (os.availableParallelism()). */
  cores: number;
  /** Cap on the automatic choice only, for jobs where more threads than this measured no faster. */
  automaticMax?: number;
}

export function chooseThreads({ requested, setting, cores, automaticMax = Infinity }: ThreadChoice): number {
  if (requested !== undefined) return requested;
  if (setting !== null) return Math.min(setting, cores);
  return Math.max(1, Math.min(cores, automaticMax));
}
