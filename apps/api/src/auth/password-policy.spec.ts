import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('refuses short, blank, repeated, sequential, keyboard, common and own-name passwords', () => {
    for (const [password, names] of [
      ['ngan', []],
      ['          ', []],
      ['aaaaaaaaaa', []],
      ['1234567890', []],
      ['qwertyuiop', []],
      ['password123', []],
      ['P@ssw0rd2026', []],
      ['matkhau123', []],
      ['phuonganlac1', ['phuong-an-lac']],
    ] as Array<[string, string[]]>) {
      expect([password, passwordProblem(password, names)]).toEqual([password, expect.any(String)]);
    }
  });

  it('accepts passphrases a person can remember', () => {
    for (const password of ['hoa-sen-no-thang-6', 'mat-khau-kiem-thu-2026', 'Phuong-7-nam-2026', 'correct horse battery']) {
      expect([password, passwordProblem(password)]).toEqual([password, undefined]);
    }
  });
});
