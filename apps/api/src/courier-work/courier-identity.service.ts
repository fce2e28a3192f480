import { Injectable } from '@nestjs/common';
import { Principal } from '@lib/auth';
import { CouriersRepository } from '@lib/database';
import { ProblemError } from '@lib/http';

/** The courier profile behind a courier's credentials (tokens issued before the profile lack it). */
@Injectable()
export class CourierIdentity {
  constructor(private readonly couriers: CouriersRepository) {}

  async idOf(principal: Principal): Promise<string> {
    if (principal.courierId) return principal.courierId;
    const courier = await this.couriers.findByUserId(principal.userId ?? '');
    if (!courier) throw ProblemError.notFound('Courier profile');
    return courier.id;
  }
}
