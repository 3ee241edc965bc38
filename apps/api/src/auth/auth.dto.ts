import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
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
}
