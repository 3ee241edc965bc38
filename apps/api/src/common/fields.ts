/**
 * The field rules every DTO shares, as composed decorators: one place says what a text, an instant or a
 * slug must be, and the OpenAPI document says the same (the fuzz suite generates its inputs from it).
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy, buildMessage } from 'class-validator';
import { isIsoInstant, SLUG } from '../../../../libs/contracts/src/campaign';

/** A free text of at most `max` characters with at least one visible character. */
export function Text(max: number, options: { required?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const { required = true, description, example } = options;
  return applyDecorators(
    required ? ApiProperty({ type: String, maxLength: max, minLength: 1, description, example }) : ApiPropertyOptional({ type: String, maxLength: max, minLength: 1, description, example }),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    MaxLength(max),
    // Whitespace only is no text: a reason " " once cancelled a campaign, a unit named " " wedged every launch.
    Matches(/\S/, { context: { vi: 'không được để trống hoặc chỉ có khoảng trắng' } }),
  );
}

/** A lowercase slug id (campaign codes, unit ids). */
export function Slug(options: { required?: boolean; description?: string; example?: string } = {}): PropertyDecorator {
  const { required = true, description, example } = options;
  return applyDecorators(
    required ? ApiProperty({ type: String, pattern: SLUG.source, description, example }) : ApiPropertyOptional({ type: String, pattern: SLUG.source, description, example }),
    ...(required ? [] : [IsOptional()]),
    IsString(),
    Matches(SLUG, { context: { vi: 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang (tối đa 64 ký tự)' } }),
  );
}

/** An ISO-8601 instant with an offset that names a real calendar date (2026-02-30 is refused, not shifted). */
export function IsoInstant(options: { required?: boolean; description?: string } = {}): PropertyDecorator {
  const { required = true, description } = options;
  return applyDecorators(
    required ? ApiProperty({ type: String, format: 'date-time', description }) : ApiPropertyOptional({ type: String, format: 'date-time', description }),
    ...(required ? [] : [IsOptional()]),
    ValidateBy(
      { name: 'isIsoInstant', validator: { validate: (v: unknown) => isIsoInstant(v), defaultMessage: buildMessage((each) => `${each}$property must be an ISO-8601 instant with an offset`) } },
      { context: { vi: 'phải là thời điểm ISO-8601 có thật, kèm múi giờ, ví dụ 2026-03-15T08:00:00+07:00' } },
    ),
  );
}
