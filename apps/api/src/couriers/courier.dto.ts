import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { vehicles, Vehicle } from '@lib/database';
import { PageQueryDto } from '@lib/contracts';

export class CourierProfileDto {
  @ApiProperty({ enum: vehicles }) @IsIn(vehicles) vehicle: Vehicle;
  @ApiProperty({ minimum: 1, maximum: 20, description: 'orders carried at once' }) @IsInt() @Min(1) @Max(20) capacity: number;
}

export class CreateCourierDto extends CourierProfileDto {
  @ApiProperty({ description: 'an existing user of the cooperative with role courier' }) @IsUUID() userId: string;
}

export class UpdateCourierDto {
  @ApiPropertyOptional({ enum: vehicles }) @IsOptional() @IsIn(vehicles) vehicle?: Vehicle;
  @ApiPropertyOptional({ minimum: 1, maximum: 20 }) @IsOptional() @IsInt() @Min(1) @Max(20) capacity?: number;
}

export class ShiftDto {
  @ApiProperty() @IsBoolean() onShift: boolean;
  @ApiPropertyOptional({
    description:
      'when the courier plans to stop (ISO 8601, in the next 16 hours; only with onShift true). No offer whose pickup would fall after it; ' +
      'past it the courier gets no offers until it sends a new one or ends the shift. Omitted: an open-ended shift. ' +
      'Dispatch also uses it to share work fairly: a courier leaving before the evening rush is not expected to catch up later.',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

export class CourierListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) onShift?: 'true' | 'false';
}
