import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG } from '../../../../../libs/contracts/src/campaign';

/** Body of POST /api/round-trips. */
export class CreateRoundTripDto {
  /** Client-chosen id (a slug): starting the same id twice is a no-op. */
  @IsString()
  @Matches(SLUG, { context: { vi: 'phải là mã gồm 1-64 ký tự chữ thường không dấu, số hoặc dấu gạch ngang' } })
  id!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  message!: string;
}
