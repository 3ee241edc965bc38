/**
 * Failed logins, counted against keys with their own limits: after `max` failures of a key within the
 * window, attempts matching that key are refused with 429 until the window ends. Kept in memory per API
 * process (a restart forgets).
 */
export interface ThrottleKey {
  readonly key: string;
  readonly max: number;
}

export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The keys of one login attempt. A username is locked only for the address guessing it, so whoever
   * guesses a username cannot lock its rightful owner out (the owner logs in from another address);
   * an address guessing many usernames is stopped after `4 × max` failures.
   */
  static keysOf(username: string, address: string, max: number): ThrottleKey[] {
    return [
      { key: `user+ip:${username.toLowerCase()}|${address}`, max },
      { key: `ip:${address}`, max: max * 4 },
    ];
  }

  /** Seconds to wait when any of the keys is locked, else 0. */
  retryAfter(keys: readonly ThrottleKey[]): number {
    const t = this.now();
    let wait = 0;
    for (const { key, max } of keys) {
      const f = this.failures.get(key);
      if (!f) continue;
      if (f.until <= t) this.failures.delete(key);
      else if (f.count >= max) wait = Math.max(wait, Math.ceil((f.until - t) / 1000));
    }
    return wait;
  }

  /** Counts a failure against each key. */
  fail(keys: readonly ThrottleKey[]): void {
    const t = this.now();
    for (const { key } of keys) {
      const f = this.failures.get(key);
      if (!f || f.until <= t) this.failures.set(key, { count: 1, until: t + this.windowMs });
      else f.count += 1;
    }
    if (this.failures.size > 100_000) this.prune(t);
  }

  /** A successful login clears the username's key for its address (not the address's own count). */
  succeed(key: ThrottleKey): void {
    this.failures.delete(key.key);
  }

  private prune(t: number): void {
    for (const [k, f] of this.failures) if (f.until <= t) this.failures.delete(k);
  }
}
