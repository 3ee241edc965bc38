/**
 * What a password must be: 10-200 characters, and not guessable. Guessability is estimated by zxcvbn-ts
 * (@zxcvbn-ts/core 4.2.0 with its common-password and English dictionaries, pinned): it recognises
 * repeats ("aaaaaaaaaa"), sequences ("1234567890"), keyboard walks ("qwertyuiop"), leet-speak of common
 * passwords ("P@ssw0rd2026") and the account's own names, which a length rule and a deny list cannot.
 * Vietnamese words people use as passwords are added as inputs to penalise ("matkhau123").
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { IsString, ValidateBy, type ValidationArguments } from 'class-validator';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

/** zxcvbn's score 3: "safely unguessable: moderate protection from offline slow-hash scenario". */
const MIN_SCORE = 3;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const LOCAL_WORDS = [
  'matkhau',
  'mat-khau',
  'thidua',
  'thi-dua',
  'ubnd',
  'phuong',
  'quan',
  'huyen',
  'tinh',
  'xa',
  'admin',
  'quantri',
  'vietnam',
  'hochiminh',
  'saigon',
  'hanoi',
];

const estimator = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });

/** Why a password is refused (Vietnamese, for the user), or undefined when it is acceptable. */
export function passwordProblem(password: string, ownNames: readonly string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return `mật khẩu phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự`;
  if (password.length > PASSWORD_MAX_LENGTH) return `mật khẩu dài tối đa ${PASSWORD_MAX_LENGTH} ký tự`;
  if (!/\S/.test(password)) return 'mật khẩu không được chỉ có khoảng trắng';
  const names = ownNames.filter(Boolean).flatMap((n) => [n, n.replace(/[^\p{L}\p{N}]/gu, '')]);
  const { score } = estimator.check(password, [...LOCAL_WORDS, ...names]);
  if (score < MIN_SCORE)
    return 'mật khẩu quá dễ đoán (lặp ký tự, dãy số, từ phổ biến hoặc tên tài khoản); hãy dùng một cụm từ dài hơn, ví dụ "hoa-sen-no-thang-6"';
  return undefined;
}

/** A DTO field holding a new password, judged with the object's `username` and `displayName` as its own names. */
export function StrongPassword(): PropertyDecorator {
  const ownNames = (args: ValidationArguments): string[] => {
    const o = args.object as { username?: unknown; displayName?: unknown };
    return [o.username, o.displayName].filter((v): v is string => typeof v === 'string');
  };
  return applyDecorators(
    ApiProperty({
      type: String,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      description: 'Not guessable: no repeats, sequences, common words or the account names',
    }),
    IsString(),
    ValidateBy({
      name: 'strongPassword',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          typeof value === 'string' && passwordProblem(value, args ? ownNames(args) : []) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          (typeof args?.value === 'string' ? passwordProblem(args.value, ownNames(args)) : undefined) ?? 'phải là chuỗi ký tự',
      },
    }),
  );
}
