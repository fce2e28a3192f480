import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
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
}

export class CourierListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) onShift?: 'true' | 'false';
}
