import { readFrames } from '@thidua/contracts';
import { LiveStream, type FrameSink } from './live-stream';
import type { Principal } from '../auth/principal';

/** A sink that keeps the frames written, parsed. */
function sink(): FrameSink & { frames: () => Array<{ event: string; id?: string; data: unknown }>; ended: boolean } {
  let text = '';
  const s = {
    ended: false,
    writableLength: 0,
    write: (chunk: string) => ((text += chunk), true),
    end: () => void (s.ended = true),
    frames: () => {
      const out: Array<{ event: string; id?: string; data: unknown }> = [];
      readFrames(text, (event, data, id) => out.push({ event, ...(id ? { id } : {}), data: JSON.parse(data) as unknown }));
      return out;
    },
  };
  return s;
}

const unit: Principal = { accountId: 'acc-a', username: 'a', role: 'unit', unitId: 'a', orgId: 'root', scope: ['root'], above: [] };
const staff: Principal = { accountId: 'acc-c', username: 'c', role: 'coordinator', orgId: 'root', scope: ['root'], above: [] };

function stream(p: Principal, own: string[] = [], unread = 0) {
  const out = sink();
  const s = new LiveStream(
    out,
    p,
    p.role === 'unit' ? [`unit:${p.unitId}`] : ['coordinator'],
    new Set(own),
    (campaign) => !campaign.startsWith('other-'),
    async () => unread,
    0,
    () => undefined,
  );
  return { s, out };
}

describe('a live stream tells a person only what they may read', () => {
  it('gives a unit its own units and its campaigns’ campaign-wide events, never another unit’s', async () => {
    const { s, out } = stream(unit, ['k1']);
    s.accept({
      k: 'events',
      p: 7,
      c: ['k1', 'k2'],
      g: [],
      u: [
        ['k1', 'b'],
        ['k2', 'b'],
      ],
    });
    await s.flush();
    expect(out.frames()).toEqual([]);
    s.accept({ k: 'events', p: 9, c: ['k1', 'k3'], g: ['k1', 'k3'], u: [['k1', 'a']] });
    await s.flush();
    expect(out.frames()).toEqual([{ event: 'change', id: '9', data: { campaigns: ['k1'], units: [['k1', 'a']], whole: [] } }]);
  });

  it('adds a campaign to a unit’s own when the unit is enrolled in it, and reads `many` as every unit of the campaigns named', async () => {
    const { s, out } = stream(unit);
    s.accept({ k: 'events', p: 3, c: ['k5'], g: [], u: [['k5', 'a']] });
    s.accept({ k: 'events', p: 4, c: ['k5', 'k6'], g: [], many: true });
    await s.flush();
    expect(out.frames()).toEqual([{ event: 'change', id: '4', data: { campaigns: ['k5'], units: [['k5', 'a']], whole: ['k5'] } }]);
  });

  it('gives staff every campaign and unit in their scope, coalesced into one frame with the highest position', async () => {
    const { s, out } = stream(staff);
    s.accept({ k: 'events', p: 11, c: ['k1'], g: [], u: [['k1', 'a']] });
    s.accept({ k: 'events', p: 12, c: ['k1'], g: ['k1'], u: [['k1', 'b']] });
    await s.flush();
    expect(out.frames()).toEqual([
      {
        event: 'change',
        id: '12',
        data: {
          campaigns: ['k1'],
          units: [
            ['k1', 'a'],
            ['k1', 'b'],
          ],
          whole: [],
        },
      },
    ]);
  });

  it('gives staff nothing of a campaign outside their organisation’s scope, and ignores a change of the tree', async () => {
    const { s, out } = stream(staff);
    s.accept({ k: 'events', p: 20, c: ['other-k9'], g: ['other-k9'], u: [['other-k9', 'x']] });
    s.accept({ k: 'orgs' });
    await s.flush();
    expect(out.frames()).toEqual([]);
    s.accept({
      k: 'events',
      p: 21,
      c: ['other-k9', 'k1'],
      g: [],
      u: [
        ['other-k9', 'x'],
        ['k1', 'a'],
      ],
    });
    await s.flush();
    expect(out.frames()).toEqual([{ event: 'change', id: '21', data: { campaigns: ['k1'], units: [['k1', 'a']], whole: [] } }]);
  });

  it('counts the inbox again for its own recipients and its own reads only; `all` asks for a resync', async () => {
    const { s, out } = stream(unit, [], 4);
    s.accept({ k: 'inbox', r: ['unit:b', 'coordinator'] });
    s.accept({ k: 'read', a: ['acc-b'] });
    await s.flush();
    expect(out.frames()).toEqual([]);
    s.accept({ k: 'read', a: ['acc-a'] });
    await s.flush();
    s.accept({ k: 'events', p: 20, all: true });
    await s.flush();
    expect(out.frames()).toEqual([
      { event: 'inbox', data: { unread: 4 } },
      { event: 'resync', id: '20', data: {} },
      { event: 'inbox', data: { unread: 4 } },
    ]);
  });

  it('replays what changed while away, or asks for a resync when it is too much', async () => {
    const { s, out } = stream(unit, ['k1']);
    s.replay(
      [
        ['k1', null],
        ['k1', 'b'],
        ['k2', 'a'],
      ],
      30,
      true,
    );
    await s.flush();
    s.replay([], 40, false);
    await s.flush();
    expect(out.frames().map((f) => [f.event, f.id, f.data])).toEqual([
      ['change', '30', { campaigns: ['k2', 'k1'], units: [['k2', 'a']], whole: [] }],
      ['resync', '40', {}],
      ['inbox', undefined, { unread: 0 }],
    ]);
  });

  it('ends when its own account is disabled, not another', () => {
    const { s, out } = stream(unit);
    s.accept({ k: 'disabled', a: 'acc-b' });
    expect(s.open).toBe(true);
    s.accept({ k: 'disabled', a: 'acc-a' });
    expect(out.frames()).toEqual([{ event: 'end', data: { reason: 'disabled' } }]);
    expect(s.open).toBe(false);
  });

  it('ends once, with its reason', () => {
    const { s, out } = stream(unit);
    s.end('expired');
    s.end('disabled');
    s.accept({ k: 'inbox', all: true });
    expect(out.frames()).toEqual([{ event: 'end', data: { reason: 'expired' } }]);
    expect([out.ended, s.open]).toEqual([true, false]);
  });
});
