/** A cluster meeting's rounds: counted under its regulation, passed candidates taken by score, a tie settled by the chair, two rounds at most. */
import { BUILT_IN_FORMS, DEFAULT_CLUSTER_VOTE, type ClusterRef, type CommendationState, type RankedSheet } from '@thidua/contracts';
import { RuleError } from '../rule-error';
import { decideClusterRound } from './cluster-vote';
import { evolveCommendation } from './evolve';

const cluster: ClusterRef = {
  id: 'cum-1',
  name: 'Cụm thi đua số 1',
  kind: 'cluster',
  year: 2027,
  members: ['a', 'b', 'c', 'd'],
  head: 'a',
  deputy: 'b',
  quota: 1,
  voters: 'officers',
  vote: DEFAULT_CLUSTER_VOTE,
  formId: 'co-thi-dua-tinh',
};
const state = {
  campaignId: 'x',
  stage: 'nominating',
  units: cluster.members.map((id) => ({ unitId: id, name: `Phường ${id.toUpperCase()}`, kind: 'ward', phase: 'completed' })),
  forms: BUILT_IN_FORMS,
  clusters: [cluster],
  nominees: [],
  seq: 1,
} as unknown as CommendationState;
const sheets = (scores: Record<string, number>): RankedSheet[] =>
  Object.entries(scores).map(([unitId, total]) => ({ unitId, total }) as unknown as RankedSheet);
const base = { at: '2027-12-20T03:00:00Z', actor: 'coordinator:tp' };
const votes = (inFavour: Record<string, number>) => Object.entries(inFavour).map(([unitId, n]) => ({ unitId, inFavour: n }));
const apply = (s: CommendationState, events: ReturnType<typeof decideClusterRound>): CommendationState =>
  events.reduce((acc, e, i) => evolveCommendation(acc, { ...e, seq: acc.seq + i + 1 }), s);

describe('a cluster meeting', () => {
  it('takes the highest score among those who pass and proposes it for the cluster form', () => {
    // 8 seats (2 per member), 7 present: more than half of those present (4 of 7) passes.
    const events = decideClusterRound(
      state,
      { clusterId: 'cum-1', round: 1, present: 7, votes: votes({ a: 6, b: 5, c: 3, d: 4 }) },
      sheets({ a: 90, b: 95, c: 99, d: 80 }),
      base,
    );
    expect(events[0]).toMatchObject({
      type: 'ClusterVoteRecorded',
      data: { result: { seats: 8, needed: 4, elected: ['b'], final: true } },
    });
    expect(events[1]).toMatchObject({ type: 'NominationProposed', data: { nominee: { id: 'tt:b:co-thi-dua-tinh', clusterId: 'cum-1' } } });
  });

  it('asks the chair on a tie at the last seat, and takes the chosen one', () => {
    const input = { clusterId: 'cum-1', round: 1, present: 8, votes: votes({ a: 6, b: 6, c: 1, d: 2 }) };
    const tied = sheets({ a: 92, b: 92, c: 70, d: 60 });
    expect(() => decideClusterRound(state, input, tied, base)).toThrow(/Phường A, Phường B bằng điểm \(92 điểm\)/);
    const events = decideClusterRound(state, { ...input, chairChoice: ['a'] }, tied, base);
    expect(events[0]).toMatchObject({ data: { result: { elected: ['a'], tiedByChair: ['a'], final: true } } });
  });

  it('holds a second round for a seat the first left empty, and no third', () => {
    const first = decideClusterRound(
      state,
      { clusterId: 'cum-1', round: 1, present: 8, votes: votes({ a: 3, b: 2, c: 4, d: 1 }) },
      sheets({}),
      base,
    );
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ data: { result: { elected: [], final: false } } });
    const after = apply(state, first);
    expect(() =>
      decideClusterRound(after, { clusterId: 'cum-1', round: 1, present: 8, votes: votes({ a: 5, b: 2, c: 4, d: 1 }) }, sheets({}), base),
    ).toThrow('round phải là 2');
    const second = decideClusterRound(
      after,
      { clusterId: 'cum-1', round: 2, present: 8, votes: votes({ a: 3, b: 2, c: 4, d: 1 }) },
      sheets({}),
      base,
    );
    expect(second[0]).toMatchObject({ data: { result: { round: 2, elected: [], final: true } } });
    const done = apply(after, second);
    expect(() => decideClusterRound(done, { clusterId: 'cum-1', round: 3, present: 8, votes: [] }, sheets({}), base)).toThrow(RuleError);
  });

  it('refuses a meeting without its quorum, a vote for a non-candidate, and a missing count', () => {
    expect(() =>
      decideClusterRound(state, { clusterId: 'cum-1', round: 1, present: 5, votes: votes({ a: 5, b: 0, c: 0, d: 0 }) }, sheets({}), base),
    ).toThrow(/không đủ số đại biểu có mặt \(5\/8/);
    expect(() =>
      decideClusterRound(state, { clusterId: 'cum-1', round: 1, present: 8, votes: votes({ a: 5, z: 1 }) }, sheets({}), base),
    ).toThrow(/votes\[1\]\.unitId "z" không phải ứng viên.*thiếu phiếu của Phường B, Phường C, Phường D/);
  });
});
