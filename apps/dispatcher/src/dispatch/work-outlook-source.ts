import { Injectable } from '@nestjs/common';
import { DispatchStateRepository, PastWork } from '@lib/database';
import { learnWorkOutlook, WorkOutlook } from '@lib/dispatch-policy';

/** Four weeks: every weekday four times, recent enough to follow a season. */
const HISTORY_DAYS = 28;
const SLOT_MINUTES = 30;
/** Past days do not change during the day; relearning every quarter hour also picks up a new day soon after midnight. */
const RELEARN_AFTER_MS = 15 * 60_000;

/**
 * The co-op's work outlook for the fairness term, learnt from its own last four weeks of
 * shifts and deliveries (jobs per courier-hour, half hour by half hour): from the same
 * weekday as today when those days hold enough history (a Friday evening is not a Monday
 * one), else from every day. Kept for a quarter of an hour per co-op; each dispatcher
 * process keeps its own copy (derived data: instances need not agree). No outlook while a
 * co-op has too little history.
 */
@Injectable()
export class WorkOutlookSource {
  private readonly learnt = new Map<string, { outlook: WorkOutlook | undefined; at: number }>();

  constructor(private readonly state: DispatchStateRepository) {}

  /** Call inside the co-op's tenant transaction. */
  async forCooperative(cooperativeId: string, timezone: string, now: Date): Promise<WorkOutlook | undefined> {
    const known = this.learnt.get(cooperativeId);
    if (known && now.getTime() - known.at < RELEARN_AFTER_MS) return known.outlook;
    const outlook = await this.learn(timezone);
    this.learnt.set(cooperativeId, { outlook, at: now.getTime() });
    return outlook;
  }

  private async learn(timezone: string): Promise<WorkOutlook | undefined> {
    const past = await this.state.pastWork(timezone, HISTORY_DAYS, SLOT_MINUTES);
    const learn = (slots: PastWork['everyDay']) => learnWorkOutlook(past.todayStartsAt.getTime() / 60_000, past.slotMinutes, slots);
    const today = learn(past.sameWeekday) ?? learn(past.everyDay);
    // Tomorrow looks like today, so a shift running past midnight still has an outlook.
    return today && { ...today, jobsPerCourierHour: [...today.jobsPerCourierHour, ...today.jobsPerCourierHour] };
  }
}
