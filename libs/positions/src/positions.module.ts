import { Module } from '@nestjs/common';
import { CourierPositions } from './courier-positions';
import { LocationHistoryWriter } from './location-history.writer';

/** The live positions store (dispatch, the API); needs the global RedisModule and ConfigModule. */
@Module({ providers: [CourierPositions], exports: [CourierPositions] })
export class PositionsModule {}

/**
 * The buffered history writer, for the process that ingests positions (the gateway). Retention
 * is the dispatcher's periodic job (`pruneLocationHistory`), by each co-op's own setting.
 */
@Module({ providers: [LocationHistoryWriter], exports: [LocationHistoryWriter] })
export class LocationHistoryModule {}
