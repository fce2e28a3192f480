import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { decodeCursor } from '@lib/database';

@ValidatorConstraint({ name: 'pageCursor' })
class PageCursorConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && decodeCursor(value) !== null;
  }

  defaultMessage(): string {
    return 'cursor must be a nextCursor value returned by this list';
  }
}

/** `?limit=&cursor=` of every list (default 50, max 200). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Validate(PageCursorConstraint)
  cursor?: string;
}
