/** Tunable parameters of the rolling-horizon policy. Defaults were tuned on the
 *  seed-0 MDRP days only (see bench/); co-op specific knobs live in CoopWeights. */
export interface RollingHorizonConfig {
  /** Minutes between decision rounds the policy plans for (its commitments assume
   *  it will be asked again this soon). */
  readonly cadenceMinutes: number;
  /** Orders ready further ahead than this are not planned yet. */
  readonly orderHorizonMinutes: number;
  /** An order beyond the horizon is planned anyway when at most this many
   *  couriers will still be on shift at its ready time (end of the day), so
   *  the last courier is not given away to something else first. */
  readonly lastCouriersToPlanEarly: number;
  /** Couriers busy for longer than this are not planned for waiting orders. */
  readonly courierLookaheadMinutes: number;
  /** Look-aheads of the "orders ready soon / couriers free soon" pressure ratio. */
  readonly pressureOrderLookahead: number;
  readonly pressureCourierLookahead: number;
  /** Price of one courier-minute, in customer-minutes, per unit of pressure:
   *  makes bundling and short empty rides worth more when couriers are scarce. */
  readonly courierMinutePrice: number;
  /** Weight of freshness loss (delay) against route length when building bundles. */
  readonly bundleDelayWeight: number;
  /** Largest bundle ever built. */
  readonly maxBundleSize: number;
  /** Customer-minutes charged for leaving a bundle unassigned in a round. */
  readonly deferCost: number;
  /** Target click-to-door (minutes) used to flag orders already late. */
  readonly targetClickToDoor: number;
  /** Minutes ahead whose work this decision hands out: the fairness term projects
   *  a courier's later earnings only beyond them (see ShiftPayOutlook). */
  readonly fairnessDecidedMinutes: number;
  /** The nearest-k prefilter (see candidate-slots): with more courier slots than this, and
   *  at least `prefilterSlotsPerBundle` of them per bundle, each bundle is scored only against
   *  its `candidateSlotsPerBundle` nearest ones (and couriers already heading to its
   *  restaurant). Above the replay lab's largest days (113 couriers), so its figures are
   *  those of the full matching. */
  readonly prefilterAboveSlots: number;
  readonly prefilterSlotsPerBundle: number;
  readonly candidateSlotsPerBundle: number;
}

export const DEFAULT_ROLLING_HORIZON_CONFIG: RollingHorizonConfig = {
  cadenceMinutes: 1,
  orderHorizonMinutes: 20,
  lastCouriersToPlanEarly: 3,
  courierLookaheadMinutes: 20,
  pressureOrderLookahead: 10,
  pressureCourierLookahead: 10,
  courierMinutePrice: 0.1,
  bundleDelayWeight: 1,
  maxBundleSize: 4,
  deferCost: 10_000,
  targetClickToDoor: 40,
  fairnessDecidedMinutes: 15,
  prefilterAboveSlots: 200,
  prefilterSlotsPerBundle: 3,
  candidateSlotsPerBundle: 40,
};
