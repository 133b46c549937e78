/**
 * Load averages over 1, 5 and 15 minutes: exponentially decaying means of
 * the number of runnable processes, as Linux keeps them, sampled whenever
 * they are asked for (the decay uses the time since the last sample).
 */
export class LoadAverage {
  private readonly loads: [number, number, number] = [0, 0, 0];
  private lastNs = 0;

  sample(nowNs: number, runnable: number): [number, number, number] {
    const dt = Math.max(0, nowNs - this.lastNs) / 1e9;
    this.lastNs = nowNs;
    [60, 300, 900].forEach((period, i) => {
      const decay = Math.exp(-dt / period);
      this.loads[i] = this.loads[i] * decay + runnable * (1 - decay);
    });
    return [...this.loads];
  }
}
