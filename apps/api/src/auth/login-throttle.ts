/**
 * Failed logins per username and per client address: after `max` failures within the window, further
 * attempts are refused with 429 until the window ends. Kept in memory per API process (a restart forgets).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait when any of the keys is locked, else 0. */
  retryAfter(keys: readonly string[]): number {
    const t = this.now();
    let wait = 0;
    for (const key of keys) {
      const f = this.failures.get(key);
      if (!f) continue;
      if (f.until <= t) this.failures.delete(key);
      else if (f.count >= this.max) wait = Math.max(wait, Math.ceil((f.until - t) / 1000));
    }
    return wait;
  }

  /** Counts a failure against each key. */
  fail(keys: readonly string[]): void {
    const t = this.now();
    for (const key of keys) {
      const f = this.failures.get(key);
      if (!f || f.until <= t) this.failures.set(key, { count: 1, until: t + this.windowMs });
      else f.count += 1;
    }
    if (this.failures.size > 100_000) this.prune(t);
  }

  /** A successful login clears its username. */
  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(t: number): void {
    for (const [k, f] of this.failures) if (f.until <= t) this.failures.delete(k);
  }
}
