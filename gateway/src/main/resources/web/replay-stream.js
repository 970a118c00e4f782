import { apiResponse } from './api.js';

// One GET /api/replay, read as it arrives (newline-delimited JSON) and handed on line by line when its time comes.
// The server paces the stream already, but the browser keeps what arrived while the page was paused; pacing here as
// well lets a resumed replay go on at its speed instead of racing through that buffer. Pausing stops reading, so once
// the buffers are full the server waits.
export class ReplayStream {
  #url;
  #factor;
  #clock;
  #lastT;
  #paused = false;
  #abort = new AbortController();
  #wake = null;

  /** @param factor the speed (10 for 10×), or null for as fast as the page can read */
  constructor(url, fromMs, factor) {
    this.#url = url;
    this.#factor = factor;
    this.#lastT = fromMs;
    this.#clock = { wall: performance.now(), t: fromMs };
  }

  /** Reads to the end, calling onLine(object) for each line; resolves false when stopped first. */
  async run(onLine) {
    try {
      const response = await apiResponse(this.#url, { signal: this.#abort.signal });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let rest = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        const lines = (rest + chunk.value).split('\n');
        rest = lines.pop();
        for (const line of lines.filter(l => l.trim())) {
          if (!await this.#hand(JSON.parse(line), onLine)) {
            return false;
          }
        }
      }
      return !this.stopped;
    } catch (error) {
      if (this.stopped) {
        return false;
      }
      throw error;
    }
  }

  get stopped() {
    return this.#abort.signal.aborted;
  }

  pause() {
    this.#paused = true;
  }

  /** Goes on from the last line handed on, at the stream's speed from now. */
  resume() {
    this.#paused = false;
    this.#clock = { wall: performance.now(), t: this.#lastT };
    this.#wake?.();
  }

  stop() {
    this.#abort.abort();
    this.#wake?.();
  }

  async #hand(line, onLine) {
    await this.#waitForTurn(line.t);
    if (this.stopped) {
      return false;
    }
    if (line.t !== undefined) {
      this.#lastT = line.t;
    }
    onLine(line);
    return true;
  }

  async #waitForTurn(t) {
    for (;;) {
      if (this.stopped) {
        return;
      }
      const ahead = this.#paused ? Infinity : this.#millisUntil(t);
      if (ahead <= 0) {
        return;
      }
      await this.#sleep(ahead);
    }
  }

  #millisUntil(t) {
    if (this.#factor === null || t === undefined) {
      return 0;
    }
    return this.#clock.wall + (t - this.#clock.t) / this.#factor - performance.now();
  }

  /** Until the time has passed, or until resumed or stopped. */
  #sleep(ms) {
    return new Promise(resolve => {
      const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : null;
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
