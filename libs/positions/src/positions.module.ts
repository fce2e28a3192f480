import { Module } from '@nestjs/common';
import { CourierPositions } from './courier-positions';
import { LocationHistoryRetention } from './location-history.retention';
import { LocationHistoryWriter } from './location-history.writer';

/** The live positions store (dispatch, the API); needs the global RedisModule and ConfigModule. */
@Module({ providers: [CourierPositions], exports: [CourierPositions] })
export class PositionsModule {}

/** The buffered history writer and its retention, for the process that ingests positions (the gateway). */
@Module({ providers: [LocationHistoryWriter, LocationHistoryRetention], exports: [LocationHistoryWriter] })
export class LocationHistoryModule {}
