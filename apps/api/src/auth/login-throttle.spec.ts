import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const MAX = 3;
  const keys = (user: string, ip: string) => LoginThrottle.keysOf(user, ip, MAX);

  it('locks a username for the address that guessed it, until the window ends; a success clears it', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(60_000, () => now);
    for (let i = 0; i < MAX - 1; i++) t.fail(keys('a', '10.0.0.9'));
    expect(t.retryAfter(keys('a', '10.0.0.9'))).toBe(0);
    t.fail(keys('a', '10.0.0.9'));
    expect(t.retryAfter(keys('A', '10.0.0.9'))).toBe(60);
    now += 30_000;
    expect(t.retryAfter(keys('a', '10.0.0.9'))).toBe(30);
    now += 30_001;
    expect(t.retryAfter(keys('a', '10.0.0.9'))).toBe(0);
    t.fail(keys('c', '10.0.0.9'));
    t.fail(keys('c', '10.0.0.9'));
    t.succeed(keys('c', '10.0.0.9')[0]);
    t.fail(keys('c', '10.0.0.9'));
    t.fail(keys('c', '10.0.0.9'));
    expect(t.retryAfter(keys('c', '10.0.0.9'))).toBe(0);
  });

  it('does not lock the rightful owner out from another address', () => {
    const t = new LoginThrottle(60_000, () => 0);
    for (let i = 0; i < 10; i++) t.fail(keys('chu-tich', '203.0.113.5'));
    expect(t.retryAfter(keys('chu-tich', '203.0.113.5'))).toBe(60);
    expect(t.retryAfter(keys('chu-tich', '10.1.2.3'))).toBe(0);
  });

  it('stops an address that guesses many usernames after four times the limit', () => {
    const t = new LoginThrottle(60_000, () => 0);
    for (let i = 0; i < MAX * 4 - 1; i++) t.fail(keys(`user-${i}`, '198.51.100.7'));
    expect(t.retryAfter(keys('someone-else', '198.51.100.7'))).toBe(0);
    t.fail(keys('one-more', '198.51.100.7'));
    expect(t.retryAfter(keys('someone-else', '198.51.100.7'))).toBe(60);
    expect(t.retryAfter(keys('someone-else', '198.51.100.8'))).toBe(0);
  });
});
