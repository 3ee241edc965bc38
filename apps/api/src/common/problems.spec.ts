/** Field problems read from the deciders' and validators' sentences: a field path, or no field at all. */
import { problemsFromMessages } from './validation';

describe('problems from messages', () => {
  it('names the field each message starts with, in every way the validators write paths', () => {
    const fields = problemsFromMessages(
      [
        'people.0.initiative bắt buộc với danh hiệu',
        'criteria[0].kind không phải loại chỉ tiêu',
        'values.ho-so-truc-tuyen (Hồ sơ trực tuyến) phải là số',
        'metrics: đợt thi đua này có chỉ tiêu riêng; số liệu gửi trong values',
        'council.members.2: tài khoản đã bị khóa',
      ],
      'invalid',
    ).map((p) => p.field);
    expect(fields).toEqual(['people.0.initiative', 'criteria[0].kind', 'values.ho-so-truc-tuyen', 'metrics', 'council.members.2']);
  });

  it('names no field when a message does not start with a path (never a word of the sentence)', () => {
    expect(problemsFromMessages(['số liệu gửi trong values', 'Đã hết thời hạn'], 'invalid')).toEqual([
      { rule: 'invalid', message: 'số liệu gửi trong values' },
      { rule: 'invalid', message: 'Đã hết thời hạn' },
    ]);
  });

  it('puts a prefix before the path', () => {
    expect(problemsFromMessages(['criteria[1].rule.max phải lớn hơn min'], 'definition', 'definition.')[0].field).toBe(
      'definition.criteria[1].rule.max',
    );
  });
});
