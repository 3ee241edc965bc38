/** The signing certificate's upload and what is answered of it. */
import { ApiProperty } from '@nestjs/swagger';
import { IsBase64, IsString, MaxLength, MinLength } from 'class-validator';
import type { SigningCertificateView } from '@thidua/contracts';
import { Optional } from '../common/fields';
import type { SameKeys } from '../common/same-keys';

export class SigningCertificateDto {
  @ApiProperty({ description: 'The PKCS#12 file (.p12, .pfx) holding the certificate and its private key, base64' })
  @IsString()
  @IsBase64()
  @MinLength(16)
  @MaxLength(90_000)
  pkcs12!: string;

  @ApiProperty({ description: 'The password of the PKCS#12 file' })
  @IsString()
  @MaxLength(200)
  password!: string;

  @ApiProperty({ required: false, description: 'PNG of the signer’s signature (shown in blue), base64; absent: the name is written' })
  @Optional()
  @IsString()
  @IsBase64()
  @MaxLength(700_000)
  signatureImage?: string;

  @ApiProperty({ required: false, description: 'PNG of the seal (shown in red), base64; absent: a seal with the name is drawn' })
  @Optional()
  @IsString()
  @IsBase64()
  @MaxLength(700_000)
  sealImage?: string;
}

export class SigningCertificateViewDto implements SigningCertificateView {
  @ApiProperty({ example: 'CN=Ủy ban nhân dân phường An Lạc, O=UBND phường An Lạc, C=VN' }) subject!: string;
  @ApiProperty({ description: 'SHA-256 of the certificate, hex' }) fingerprint!: string;
  @ApiProperty({ format: 'date-time' }) notBefore!: string;
  @ApiProperty({ format: 'date-time' }) notAfter!: string;
  @ApiProperty({ description: 'A signature image was given' }) signatureImage!: boolean;
  @ApiProperty({ description: 'A seal image was given' }) sealImage!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty() updatedBy!: string;
}

export const SIGNING_DOCUMENTED_EXACTLY: ReadonlyArray<true> = [true satisfies SameKeys<SigningCertificateViewDto, SigningCertificateView>];
