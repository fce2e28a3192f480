import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class AssignOrderDto {
  @ApiProperty() @IsUUID() courierId: string;
}
