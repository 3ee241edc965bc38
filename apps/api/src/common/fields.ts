/**
 * The field rules every DTO shares, as composed decorators: one place says what a text, an instant or a
 * slug must be, and the OpenAPI document says the same (the fuzz suite generates its inputs from it).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, ValidateBy, ValidateIf, buildMessage } from 'class-validator';
import { isIsoInstant, SLUG } from '@thidua/contracts';

/** What the shared rules take: whether the field is required, and its documentation. */
interface FieldOptions {
  readonly required?: boolean;
  readonly description?: string;
  readonly example?: string;
}

/**
 * An optional field: absent is fine, `null` is not (it is checked like any other value and refused
 * naming the field, instead of being taken for absent and failing somewhere further on).
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** The OpenAPI entry of a field and, when it is optional, the rule that lets it be absent. */
function documented({ required = true, description, example }: FieldOptions, schema: ApiPropertyOptions): PropertyDecorator[] {
  const options = { ...schema, description, example } as ApiPropertyOptions;
  return required ? [ApiProperty(options)] : [ApiPropertyOptional(options), Optional()];
}

/** A free text of at most `max` characters with at least one visible character. */
export function Text(max: number, options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...documented(options, { type: String, maxLength: max, minLength: 1 }),
    IsString(),
    MaxLength(max),
    // Whitespace only is no text: a reason " " once cancelled a campaign, a unit named " " wedged every launch.
    Matches(/\S/, { context: { vi: 'không được để trống hoặc chỉ có khoảng trắng' } }),
  );
}

/** A lowercase slug id (campaign codes, unit ids); `vi` words the refusal for the field. */
export function Slug(options: FieldOptions & { vi?: string } = {}): PropertyDecorator {
  const vi = options.vi ?? 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự)';
  return applyDecorators(...documented(options, { type: String, pattern: SLUG.source }), IsString(), Matches(SLUG, { context: { vi } }));
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not shifted). */
export function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const [y, m, d] = v.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A day (YYYY-MM-DD) that exists in the calendar. */
export function IsoDate(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...documented(options, { type: String, format: 'date' }),
    ValidateBy(
      { name: 'isIsoDate', validator: { validate: isIsoDate, defaultMessage: () => 'must be a real date YYYY-MM-DD' } },
      { context: { vi: 'phải là ngày có thật, dạng YYYY-MM-DD' } },
    ),
  );
}

/** An ISO-8601 instant with an offset that names a real calendar date (2026-02-30 is refused, not shifted). */
export function IsoInstant(options: FieldOptions = {}): PropertyDecorator {
  return applyDecorators(
    ...documented(options, { type: String, format: 'date-time' }),
    ValidateBy(
      {
        name: 'isIsoInstant',
        validator: {
          validate: (v: unknown) => isIsoInstant(v),
          defaultMessage: buildMessage((each) => `${each}$property must be an ISO-8601 instant with an offset`),
        },
      },
      { context: { vi: 'phải là thời điểm ISO-8601 có thật, kèm múi giờ, ví dụ 2026-03-15T08:00:00+07:00' } },
    ),
  );
}
