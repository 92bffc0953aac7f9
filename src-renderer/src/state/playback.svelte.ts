/**
 * The one playhead. The media element is the clock while playing; seeks from the timeline move it.
 * Polling in requestAnimationFrame gives a smooth playhead ('timeupdate' fires only ~4 times a second).
 */

/** Frame rate when the movie has no video stream (valence frames are 25 Hz). */
const DEFAULT_FPS = 25;

export class Playback {
  #time = $state(0);
  #playing = $state(false);
  #fps = $state(DEFAULT_FPS);
  #duration = $state(0);
  /** The speed the person chose; a rating pass plays at its own speed meanwhile. */
  #speed = $state(1);
  #override: number | null = null;
  #media: HTMLMediaElement | null = null;
  #raf = 0;
  /** Where to go once the seek in progress lands (scrubbing and frame stepping outpace the decoder). */
  #pendingSeek: number | null = null;

  get time(): number {
    return this.#time;
  }
  get playing(): boolean {
    return this.#playing;
  }
  get fps(): number {
    return this.#fps;
  }
  get speed(): number {
    return this.#speed;
  }

  /** A new movie: back to 0. */
  reset(duration: number, fps: number | null): void {
    this.#duration = duration;
    this.#fps = fps && fps > 0 ? fps : DEFAULT_FPS;
    this.#time = 0;
    this.#pendingSeek = null;
  }

  /** The player hands over its media element; the returned function detaches it. */
  attach(media: HTMLMediaElement): () => void {
    this.#media = media;
    // A slowed-down voice must stay a voice, not a growl.
    media.preservesPitch = true;
    this.#applyRate();
    const onPlay = () => {
      this.#playing = true;
      this.#tick();
    };
    const onPause = () => {
      this.#playing = false;
      this.#time = media.currentTime;
    };
    const onSeeked = () => {
      const next = this.#pendingSeek;
      this.#pendingSeek = null;
      if (next !== null && next !== media.currentTime) media.currentTime = next;
      else if (!this.#playing) this.#time = media.currentTime;
    };
    media.addEventListener('play', onPlay);
    media.addEventListener('pause', onPause);
    media.addEventListener('ended', onPause);
    media.addEventListener('seeked', onSeeked);
    return () => {
      media.removeEventListener('play', onPlay);
      media.removeEventListener('pause', onPause);
      media.removeEventListener('ended', onPause);
      media.removeEventListener('seeked', onSeeked);
      cancelAnimationFrame(this.#raf);
      if (this.#media === media) this.#media = null;
      this.#playing = false;
    };
  }

  /**
   * Moves the playhead at once; the media follows. While a seek is still in progress only the latest
   * target is kept: Chromium can leave an element stuck in 'seeking' when seeks pile up (seen with
   * three arrow-key steps in a row in headless Chromium), and a scrub needs only the newest frame.
   */
  seek(t: number): void {
    const clamped = Math.max(0, Math.min(this.#duration, t));
    this.#time = clamped;
    const media = this.#media;
    if (!media) return;
    if (media.seeking) this.#pendingSeek = clamped;
    else media.currentTime = clamped;
  }

  /**
   * The media's own clock, read now rather than at the last animation frame: a rating pass samples
   * against it. Null without a media element.
   */
  clock(): { time: number; paused: boolean; ended: boolean } | null {
    const media = this.#media;
    return media ? { time: media.currentTime, paused: media.paused, ended: media.ended } : null;
  }

  /** The person's playback speed (1 = real time). */
  setSpeed(speed: number): void {
    this.#speed = speed;
    this.#applyRate();
  }

  /** A rating pass plays at its own speed; null hands the person's speed back. */
  overrideRate(rate: number | null): void {
    this.#override = rate;
    this.#applyRate();
  }

  #applyRate(): void {
    const media = this.#media;
    if (!media) return;
    const rate = this.#override ?? this.#speed;
    // Loading a new film resets playbackRate to defaultPlaybackRate: set both so the speed outlives a film switch.
    media.defaultPlaybackRate = rate;
    media.playbackRate = rate;
  }

  play(): void {
    this.#media?.play().catch(() => (this.#playing = false));
  }

  pause(): void {
    this.#media?.pause();
  }

  toggle(): void {
    const media = this.#media;
    if (!media) return;
    if (media.paused) this.play();
    else media.pause();
  }

  /** Steps whole frames, snapping to the frame grid first. */
  step(frames: number): void {
    this.#media?.pause();
    const frame = Math.round(this.#time * this.#fps) + frames;
    this.seek(frame / this.#fps);
  }

  #tick = (): void => {
    if (!this.#playing || !this.#media) return;
    this.#time = this.#media.currentTime;
    this.#raf = requestAnimationFrame(this.#tick);
  };
}
