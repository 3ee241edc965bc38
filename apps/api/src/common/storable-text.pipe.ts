/**
 * Refuses, before anything else reads it, any text PostgreSQL cannot store (U+0000, lone surrogates)
 * in a path parameter, a query parameter or anywhere in a body, with 400 naming each field. Such text
 * used to be accepted by a workflow and then refused by the store forever, wedging the unit.
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { unstorablePaths } from '../../../../libs/contracts/src/campaign';
import { InvalidInputException } from './validation';

@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const bad = unstorablePaths(value, metadata.data ?? '');
    if (bad.length === 0) return value;
    throw new InvalidInputException(
      bad.map(({ path, character }) => ({
        field: path || metadata.type,
        rule: 'storableText',
        message: `${path || metadata.type}: chứa ký tự không hợp lệ (${character})`,
      })),
    );
  }
}
