/**
 * The "why it moved" lane's data: the modality shares stored with one prediction (the newest shown
 * one), fetched while the lane is open.
 */
import type { ApiTransport } from '../../../src-main/contract/api.js';
import { float32FromBase64 } from '../lib/base64.js';
import type { Notices } from './notices.svelte.js';

export interface LoadedShares {
  seriesId: number;
  modalities: string[];
  rate: number;
  /** [frames × modalities], NaN where nothing mattered. */
  values: Float32Array;
}

export class SharesState {
  readonly #api: ApiTransport;
  readonly #notices: Notices;
  shown = $state(false);
  /** Null with `seriesId` set: that prediction was made without shares (predict it again). */
  #data = $state.raw<LoadedShares | null>(null);
  #seriesId = $state<number | null>(null);

  constructor(api: ApiTransport, notices: Notices) {
    this.#api = api;
    this.#notices = notices;
  }

  get data(): LoadedShares | null {
    return this.#data;
  }
  get seriesId(): number | null {
    return this.#seriesId;
  }

  /** Shows the shares of `seriesId` (null: no prediction to explain). */
  async explain(seriesId: number | null): Promise<void> {
    if (seriesId === this.#seriesId) return;
    this.#seriesId = seriesId;
    this.#data = null;
    if (seriesId === null) return;
    try {
      const r = await this.#api.call('valence.shares', { seriesId });
      if (this.#seriesId === seriesId && r) this.#data = { seriesId, modalities: r.modalities, rate: r.rate, values: float32FromBase64(r.values) };
    } catch (err) {
      this.#notices.report(err, "Loading why the valence moved");
    }
  }
}
