import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsString, Matches, ValidateNested } from 'class-validator';
import { StrongPassword } from '../auth/password-policy';
import { Optional, Slug, Text } from '../common/fields';
import { ROLES, type Role } from '../auth/principal';
import { LIMITS } from '@thidua/contracts';

export class CreateAccountDto {
  @ApiProperty({ example: 'phuong-an-lac', pattern: '^[A-Za-z0-9._-]{3,64}$' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{3,64}$/, { context: { vi: '3-64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang' } })
  username!: string;

  @StrongPassword()
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @Slug({
    required: false,
    description: 'Required for role "unit": the unit (from the directory) the account acts for',
    vi: 'mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang',
  })
  unitId?: string;

  @Text(LIMITS.name, { required: false })
  displayName?: string;

  @Slug({ required: false, description: 'The organisation the account belongs to (default: where the admin acts)', vi: 'mã tổ chức' })
  orgId?: string;
}

export class GrantInputDto {
  @Slug({ description: 'The organisation', vi: 'mã tổ chức' })
  orgId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @Slug({ required: false, description: 'Required for role "unit": the unit of that organisation the clerk acts for', vi: 'mã đơn vị' })
  unitId?: string;
}

export class SetRolesDto {
  @ApiProperty({ type: [GrantInputDto], maxItems: 50 })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => GrantInputDto)
  grants!: GrantInputDto[];
}

export class GrantViewDto {
  @ApiProperty() orgId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty() orgName!: string;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ type: [GrantViewDto] }) grants!: GrantViewDto[];
  @ApiProperty({ nullable: true, type: String }) displayName!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) createdBy!: string | null;
  @ApiProperty({ description: 'A disabled account cannot sign in' }) disabled!: boolean;
}

export class CouncilCandidateDto {
  @ApiProperty() username!: string;
  @ApiProperty({ description: 'Họ tên, hoặc tên đăng nhập khi tài khoản chưa có họ tên' }) name!: string;
}

/** At least one of the two (an empty change is refused: 400). */
export class UpdateAccountDto {
  @Text(LIMITS.name, { required: false })
  displayName?: string;

  @ApiPropertyOptional({ description: 'true: the account can no longer sign in; false: it can again' })
  @Optional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  @StrongPassword()
  password!: string;
}
