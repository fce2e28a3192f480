import { Module } from '@nestjs/common';
import { CourierDataController } from './courier-data.controller';
import { CourierData } from './courier-data.service';

/** `GET /api/v1/couriers/me/data`: a courier downloads everything stored about it. */
@Module({ controllers: [CourierDataController], providers: [CourierData] })
export class CourierDataModule {}
