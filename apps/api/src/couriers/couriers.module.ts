import { Module } from '@nestjs/common';
import { PositionsModule } from '@lib/positions';
import { CouriersController } from './couriers.controller';
import { CouriersService } from './couriers.service';

@Module({ imports: [PositionsModule], controllers: [CouriersController], providers: [CouriersService], exports: [CouriersService] })
export class CouriersModule {}
