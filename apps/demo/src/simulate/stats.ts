/** What the simulation did, for the periodic summary line and for tests. */
export class SimulationStats {
  ordersPlaced = 0;
  ordersRefused = 0;
  offersAccepted = 0;
  offersDeclined = 0;
  offersMissed = 0;
  pickedUp = 0;
  delivered = 0;
  couriersOnShift = 0;
  readonly deliveredOrderIds: string[] = [];

  summary(): string {
    return `placed ${this.ordersPlaced} (refused ${this.ordersRefused}), offers accepted ${this.offersAccepted} / declined ${this.offersDeclined} / gone ${this.offersMissed}, picked up ${this.pickedUp}, delivered ${this.delivered}, couriers on shift ${this.couriersOnShift}`;
  }
}
