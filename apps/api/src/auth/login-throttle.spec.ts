import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('locks a key after the allowed failures until the window ends, and a success clears it', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(3, 60_000, () => now);
    t.fail(['user:a', 'ip:1']);
    t.fail(['user:a', 'ip:1']);
    expect(t.retryAfter(['user:a', 'ip:1'])).toBe(0);
    t.fail(['user:a', 'ip:1']);
    expect(t.retryAfter(['user:a'])).toBe(60);
    expect(t.retryAfter(['user:b', 'ip:1'])).toBe(60);
    now += 30_000;
    expect(t.retryAfter(['user:a'])).toBe(30);
    now += 30_001;
    expect(t.retryAfter(['user:a', 'ip:1'])).toBe(0);
    t.fail(['user:c']);
    t.fail(['user:c']);
    t.succeed('user:c');
    t.fail(['user:c']);
    t.fail(['user:c']);
    expect(t.retryAfter(['user:c'])).toBe(0);
  });
});
