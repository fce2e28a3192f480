import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemError } from '@lib/http';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that is not a UUID names nothing that exists: 404, like any unknown id. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!uuid.test(value)) throw ProblemError.notFound('Resource');
    return value.toLowerCase();
  }
}
