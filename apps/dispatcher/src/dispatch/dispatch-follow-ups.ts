import { Injectable } from '@nestjs/common';
import { dispatchRequests, JobQueues } from '@lib/queues';

/** Lets a lease that just ran out be seen as free by the follow-up. */
const MARGIN_MS = 100;

/**
 * Makes sure a cooperative gets another decision: after a busy holder's lease, in case that
 * holder died before serving the request left for it, or at once when a holder handed over
 * with requests left. Requests in the same window fold into one job, and a follow-up that
 * finds the lock busy again asks for the next one.
 */
@Injectable()
export class DispatchFollowUps {
  constructor(private readonly queues: JobQueues) {}

  async request(cooperativeId: string, afterMs: number): Promise<void> {
    const delay = Math.ceil(afterMs) + MARGIN_MS;
    await this.queues.add(dispatchRequests.followUp(cooperativeId, delay));
  }
}
