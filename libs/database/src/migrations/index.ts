import { Foundation1764000000000 } from './1764000000000-foundation';
import { Orders1764000000100 } from './1764000000100-orders';
import { CourierLocations1764000000200 } from './1764000000200-courier-locations';
import { CourierShifts1764000000300 } from './1764000000300-courier-shifts';
import { UserDeactivation1764000000400 } from './1764000000400-user-deactivation';
import { IntakeRoundTrips1764000000500 } from './1764000000500-intake-round-trips';
import { Partnerships1764000000600 } from './1764000000600-partnerships';
import { CourierData1764000000700 } from './1764000000700-courier-data';
import { CorrelationIds1764000000800 } from './1764000000800-correlation-ids';

/** Every migration, in order. A new migration is added here (no glob: bundles stay explicit). */
export const migrations = [Foundation1764000000000, Orders1764000000100, CourierLocations1764000000200, CourierShifts1764000000300, UserDeactivation1764000000400, IntakeRoundTrips1764000000500, Partnerships1764000000600, CourierData1764000000700, CorrelationIds1764000000800];
