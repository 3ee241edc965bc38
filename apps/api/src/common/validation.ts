/** Validation errors as one JSON body naming each bad field, in Vietnamese first (the English rule is kept). */
import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

/** One bad field. */
export interface FieldProblem {
  /** Path of the field, e.g. `initiatives.0.title`; absent when the problem is not one field's. */
  readonly field?: string;
  /** The rule that failed (class-validator's constraint name, or our own). */
  readonly rule: string;
  readonly message: string;
}

const num = (english: string): string => /(-?\d+(\.\d+)?)/.exec(english)?.[1] ?? '';

/** Vietnamese wording of class-validator's rules; the English default is the fallback. */
const VI: Record<string, (english: string) => string> = {
  whitelistValidation: () => 'trường này không được phép',
  isString: () => 'phải là chuỗi ký tự',
  isNotEmpty: () => 'không được để trống',
  isDefined: () => 'là bắt buộc',
  maxLength: (e) => `dài tối đa ${num(e)} ký tự`,
  minLength: (e) => `phải có ít nhất ${num(e)} ký tự`,
  isIn: (e) => `phải là một trong các giá trị: ${e.split(': ').pop() ?? ''}`,
  isEnum: (e) => `phải là một trong các giá trị: ${e.split(': ').pop() ?? ''}`,
  isNumber: () => 'phải là một số',
  isInt: () => 'phải là số nguyên',
  min: (e) => `không được nhỏ hơn ${num(e)}`,
  max: (e) => `không được lớn hơn ${num(e)}`,
  isArray: () => 'phải là một danh sách',
  arrayMinSize: (e) => `cần ít nhất ${num(e)} phần tử`,
  arrayMaxSize: (e) => `tối đa ${num(e)} phần tử`,
  isEmail: () => 'không phải địa chỉ e-mail hợp lệ',
  isObject: () => 'phải là một đối tượng JSON',
  isBoolean: () => 'phải là true hoặc false',
  isISO8601: () => 'phải là thời điểm ISO-8601, ví dụ 2026-03-15T08:00:00+07:00',
  matches: () => 'không đúng định dạng',
  nestedValidation: () => 'phải là một đối tượng hợp lệ',
};

/** Flattens class-validator's error tree into field problems. */
export function fieldProblems(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const [rule, english] of Object.entries(e.constraints ?? {})) {
      const custom = (e.contexts?.[rule] as { vi?: string } | undefined)?.vi;
      const vi = custom ?? VI[rule]?.(english) ?? english;
      out.push({ field, rule, message: `${field}: ${vi}` });
    }
    if (e.children?.length) out.push(...fieldProblems(e.children, field));
  }
  return out;
}

/**
 * A field path as the validators write one: `people.0.initiative`, `council.members.2`, `setup.issuer.name`,
 * `criteria[0].rule.max`, `values.ho-so-truc-tuyen`.
 */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_-]+|\[\d+\])*$/;

/**
 * Problems written as "<field path> <what is wrong>" (the deciders and the contracts' validators) as field
 * problems; a message that does not start with a field path names no field (never a word of the sentence).
 */
export function problemsFromMessages(messages: readonly string[], rule: string, prefix = ''): FieldProblem[] {
  return messages.map((message) => {
    const first = message.split(/[\s(]/, 1)[0].replace(/:$/, '');
    return FIELD_PATH.test(first) ? { field: `${prefix}${first}`, rule, message } : { rule, message };
  });
}

/** A 400 whose body lists every bad field. */
export class InvalidInputException extends BadRequestException {
  constructor(readonly problems: readonly FieldProblem[]) {
    super({
      message: `Dữ liệu không hợp lệ: ${[...new Set(problems.map((p) => p.field ?? p.message))].join(', ')}`,
      details: problems,
    });
  }
}

/** The global validation pipe: unknown fields refused, types converted only where declared. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InvalidInputException(fieldProblems(errors)),
  });
}
