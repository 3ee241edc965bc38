/** The council's ballot counted against each kind of rule, exactly at the threshold, and refused when impossible. */
import fc from 'fast-check';
import type { VoteRule } from '@thidua/contracts';
import { ballotProblems, countBallot, voteRuleProblems } from './council';

const rule = (num: number, den: number, of: VoteRule['of'] = 'members'): VoteRule => ({
  share: { num, den },
  of,
  quorum: { num: 2, den: 3 },
});

describe('the council ballot', () => {
  it('passes exactly at the share: 7 of 10 members is 70%, 6 of 9 is 2/3, 9 of 10 is 90%', () => {
    expect(countBallot({ members: 10, present: 10, inFavour: 7 }, rule(70, 100))).toEqual({
      quorate: true,
      passed: true,
      needed: 7,
      percent: 70,
    });
    expect(countBallot({ members: 10, present: 10, inFavour: 6 }, rule(70, 100)).passed).toBe(false);
    expect(countBallot({ members: 9, present: 9, inFavour: 6 }, rule(2, 3))).toMatchObject({ passed: true, needed: 6 });
    expect(countBallot({ members: 10, present: 10, inFavour: 8 }, rule(90, 100))).toMatchObject({ passed: false, needed: 9, percent: 80 });
  });

  it('counts against the members, absent ones included, or against those present, as the rule says; no quorum, no result', () => {
    expect(countBallot({ members: 12, present: 9, inFavour: 8 }, rule(70, 100, 'members'))).toMatchObject({ passed: false, needed: 9 });
    expect(countBallot({ members: 12, present: 9, inFavour: 7 }, rule(70, 100, 'present'))).toMatchObject({ passed: true, needed: 7 });
    expect(countBallot({ members: 12, present: 7, inFavour: 7 }, rule(70, 100, 'present'))).toMatchObject({
      quorate: false,
      passed: false,
    });
  });

  it('refuses impossible counts, naming each', () => {
    expect(() => countBallot({ members: 9, present: 10, inFavour: 11 }, rule(2, 3))).toThrow(
      'present (10) không được lớn hơn số thành viên (9); inFavour (11) không được lớn hơn số thành viên có mặt (10)',
    );
    expect(() => countBallot({ members: 9, present: -1, inFavour: 1.5 }, rule(2, 3))).toThrow(
      /present phải là số nguyên không âm; inFavour phải là số nguyên/,
    );
  });

  it('never passes below the share nor fails at or above it (any counts)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 99 }),
        (members, p, v, pct) => {
          const present = Math.min(p, members);
          const inFavour = Math.min(v, present);
          const r = countBallot(
            { members, present, inFavour },
            { share: { num: pct, den: 100 }, of: 'members', quorum: { num: 1, den: 2 } },
          );
          const quorate = present * 2 >= members;
          expect(r.passed).toBe(quorate && inFavour * 100 >= pct * members);
          expect(r.needed * 100).toBeGreaterThanOrEqual(pct * members);
          expect((r.needed - 1) * 100).toBeLessThan(pct * members);
        },
      ),
      { numRuns: 500, seed: 20261129 },
    );
  });

  it('names each problem of impossible counts, one field each', () => {
    expect(ballotProblems({ members: 5, present: 5, inFavour: 3 })).toEqual([]);
    expect(ballotProblems({ members: 0, present: 0, inFavour: 0 })).toEqual(['members phải là số nguyên dương (số thành viên Hội đồng)']);
    expect(ballotProblems({ members: 2.5, present: 1, inFavour: 0 })).toEqual(['members phải là số nguyên dương (số thành viên Hội đồng)']);
    expect(ballotProblems({ members: 5, present: 6, inFavour: 0 })).toEqual(['present (6) không được lớn hơn số thành viên (5)']);
    expect(ballotProblems({ members: 5, present: 5, inFavour: 6 })).toEqual(['inFavour (6) không được lớn hơn số thành viên có mặt (5)']);
    expect(ballotProblems({ members: 5, present: 5, inFavour: -1 })).toEqual(['inFavour phải là số nguyên không âm']);
    // Present above the members is one problem; in favour is not compared with an impossible count of present.
    expect(ballotProblems({ members: 5, present: -2, inFavour: 9 })).toEqual(['present phải là số nguyên không âm']);
  });

  it('counts an empty council of those present as failed, not as 100%', () => {
    expect(
      countBallot({ members: 3, present: 0, inFavour: 0 }, { share: { num: 1, den: 2 }, of: 'present', quorum: { num: 0, den: 1 } }),
    ).toEqual({
      quorate: true,
      passed: false,
      needed: 0,
      percent: 0,
    });
  });

  it('rounds the percentage to one decimal: 2 of 3 is 66.7%', () => {
    expect(countBallot({ members: 3, present: 3, inFavour: 2 }, rule(2, 3)).percent).toBe(66.7);
  });

  describe('a vote rule', () => {
    const good = { share: { num: 2, den: 3 }, of: 'members', quorum: { num: 0, den: 1 } };

    it('accepts shares from just above 0 to 1 and quorums from 0 to 1', () => {
      expect(voteRuleProblems(good)).toEqual([]);
      expect(voteRuleProblems({ ...good, share: { num: 1, den: 1 }, of: 'present', quorum: { num: 1, den: 1 } })).toEqual([]);
    });

    it('names each bad part under its prefix', () => {
      expect(voteRuleProblems({ ...good, share: { num: 0, den: 3 } }, 'form.vote')).toEqual([
        expect.stringMatching(/^form\.vote\.share phải là phân số/),
      ]);
      expect(voteRuleProblems({ ...good, share: { num: 4, den: 3 } })).toEqual([expect.stringMatching(/^vote\.share /)]);
      expect(voteRuleProblems({ ...good, share: { num: 1, den: 0 } })).toEqual([expect.stringMatching(/^vote\.share /)]);
      expect(voteRuleProblems({ ...good, share: { num: 1.5, den: 3 } })).toEqual([expect.stringMatching(/^vote\.share /)]);
      expect(voteRuleProblems({ ...good, of: 'everyone' })).toEqual([expect.stringMatching(/^vote\.of phải là "members"/)]);
      expect(voteRuleProblems({ ...good, quorum: { num: -1, den: 3 } })).toEqual([expect.stringMatching(/^vote\.quorum /)]);
      expect(voteRuleProblems({ ...good, quorum: { num: 4, den: 3 } })).toEqual([expect.stringMatching(/^vote\.quorum /)]);
      expect(voteRuleProblems(undefined)).toHaveLength(3);
      expect(voteRuleProblems({ share: 'hai phần ba', of: 'members', quorum: null })).toHaveLength(2);
    });
  });

  it('counts absent members’ written opinions where the rule says so: 7 present + 1 written of 9 is 88,9% and passes 80%', () => {
    const decree: VoteRule = { share: { num: 80, den: 100 }, of: 'members', quorum: { num: 2, den: 3 }, written: true };
    expect(countBallot({ members: 9, present: 7, inFavour: 7, written: { received: 1, inFavour: 1 } }, decree)).toEqual({
      quorate: true,
      passed: true,
      needed: 8,
      percent: 88.9,
      counted: 8,
    });
    expect(countBallot({ members: 9, present: 7, inFavour: 7 }, decree)).toMatchObject({ passed: false, percent: 77.8 });
    // A written opinion against counts as no vote in favour; a rule that does not count them ignores them.
    expect(countBallot({ members: 9, present: 7, inFavour: 7, written: { received: 2, inFavour: 0 } }, decree).passed).toBe(false);
    expect(
      countBallot({ members: 9, present: 7, inFavour: 7, written: { received: 1, inFavour: 1 } }, { ...decree, written: undefined }),
    ).toMatchObject({
      passed: false,
      percent: 77.8,
    });
  });

  it('refuses written opinions beyond the absent members or in favour beyond those received, naming each', () => {
    expect(ballotProblems({ members: 9, present: 7, inFavour: 7, written: { received: 3, inFavour: 4 } })).toEqual([
      'written.received (3) không được lớn hơn số thành viên vắng mặt (2)',
      'written.inFavour (4) không được lớn hơn số ý kiến bằng văn bản (3)',
    ]);
    expect(voteRuleProblems({ share: { num: 80, den: 100 }, of: 'present', quorum: { num: 2, den: 3 }, written: true })).toEqual([
      expect.stringContaining('vote.written'),
    ]);
    expect(voteRuleProblems({ share: { num: 80, den: 100 }, of: 'members', quorum: { num: 2, den: 3 }, rounds: 5 })).toEqual([
      expect.stringContaining('vote.rounds'),
    ]);
  });

  it('never passes more than the counts allow, whatever the written opinions (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (members, p, f, r, w) => {
        const present = p % (members + 1);
        const inFavour = f % (present + 1);
        const received = r % (members - present + 1);
        const written = { received, inFavour: w % (received + 1) };
        const rule: VoteRule = { share: { num: 80, den: 100 }, of: 'members', quorum: { num: 0, den: 1 }, written: true };
        const result = countBallot({ members, present, inFavour, written }, rule);
        return result.passed === (inFavour + written.inFavour) * 100 >= 80 * members;
      }),
    );
  });
});
