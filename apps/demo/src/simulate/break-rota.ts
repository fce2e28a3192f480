/** Keeps most of a co-op's couriers working: at most `max` of them on a break at once. */
export class BreakRota {
  private onBreak = 0;

  constructor(private readonly max: number) {}

  tryStart(): boolean {
    if (this.onBreak >= this.max) return false;
    this.onBreak += 1;
    return true;
  }

  end(): void {
    this.onBreak = Math.max(0, this.onBreak - 1);
  }
}
