import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false } as const;

/** `{ lat, lng }` in WGS84; strings, NaN and infinities (`1e999`) are refused. */
export class LatLngDto {
  @ApiProperty({ example: 44.933, minimum: -90, maximum: 90 })
  @IsNumber(finite, { message: 'lat must be a finite number' })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ example: 4.892, minimum: -180, maximum: 180 })
  @IsNumber(finite, { message: 'lng must be a finite number' })
  @Min(-180)
  @Max(180)
  lng: number;
}
