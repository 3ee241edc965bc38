import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { Slug } from '../common/fields';
import { ROLES, type Role } from './principal';

export class LoginDto {
  @ApiProperty({ example: 'admin', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  username!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;

  @Slug({ required: false, description: 'Sign in to act in this organisation (default: the first role held)', vi: 'mã tổ chức' })
  orgId?: string;
}

export class SwitchDto {
  @Slug({ description: 'The organisation to act in', vi: 'mã tổ chức' })
  orgId!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @Slug({ required: false, description: 'For a clerk holding several units: which one', vi: 'mã đơn vị' })
  unitId?: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token (HS256 JWT)' })
  accessToken!: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiPropertyOptional({ description: 'Set for unit accounts' })
  unitId?: string;

  @ApiProperty()
  username!: string;

  @ApiProperty({ description: 'The organisation the token acts in' })
  orgId!: string;

  @ApiProperty()
  orgName!: string;
}
