import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MAX_POINTS_PER_BATCH } from '@lib/positions';

/** For the OpenAPI document; each point is checked by the positions rules (parsePositionFix), as on the socket. */
export class LocationPointDoc {
  @ApiProperty({ minimum: -90, maximum: 90, example: 44.933 }) lat: number;
  @ApiProperty({ minimum: -180, maximum: 180, example: 4.892 }) lng: number;
  @ApiPropertyOptional({ description: 'metres', nullable: true }) accuracy?: number | null;
  @ApiPropertyOptional({ description: 'degrees from north', nullable: true }) heading?: number | null;
  @ApiPropertyOptional({ description: 'metres per second', nullable: true }) speed?: number | null;
  @ApiProperty({ description: 'when the phone measured it: ISO-8601 with a zone, or epoch milliseconds', example: '2026-11-22T12:00:00Z' })
  at: string | number;
}

export class LocationBatchDto {
  @ApiProperty({ type: [LocationPointDoc], minItems: 1, maxItems: MAX_POINTS_PER_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_POINTS_PER_BATCH)
  points: unknown[];
}

export interface RefusedPoint {
  index: number;
  errors: { field: string; message: string }[];
}

export class LocationBatchResultDto {
  @ApiProperty({ description: 'points newly stored in the history' }) stored: number;
  @ApiProperty({ description: 'points already stored (a batch sent twice) or repeated within the batch' }) duplicates: number;
  @ApiProperty({ description: 'valid points measured before the current shift started, not stored' }) outsideShift: number;
  @ApiProperty({ description: 'invalid points, not stored, with the reasons' }) refused: RefusedPoint[];
}
