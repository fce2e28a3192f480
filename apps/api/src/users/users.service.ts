import { Injectable } from '@nestjs/common';
import { AppConfig } from '@lib/config';
import { hashPassword, Principal, SessionRevocations } from '@lib/auth';
import { CooperativesRepository, CouriersRepository, CredentialsRepository, MerchantsRepository, PageRequest, Transactions, UsersRepository } from '@lib/database';
import { FieldError, ProblemError } from '@lib/http';
import { RealtimePublisher } from '@lib/realtime';
import { CouriersService } from '../couriers/couriers.service';
import { CreateUserDto, UpdateUserDto, UserListQueryDto } from './user.dto';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly merchants: MerchantsRepository,
    private readonly couriers: CouriersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly cooperatives: CooperativesRepository,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
    private readonly revocations: SessionRevocations,
    private readonly realtime: RealtimePublisher,
    private readonly courierShifts: CouriersService,
  ) {}

  /** Coop admins add members to their own cooperative; platform admins name the cooperative. */
  async create(principal: Principal, input: CreateUserDto) {
    const cooperativeId = this.targetCooperative(principal, input.cooperativeId);
    this.checkRoleFields(input);
    // Hashed before the first query: the request's transaction (and its pooled connection)
    // opens only then, so a burst of sign-ups does not hold the pool while hashing.
    const passwordHash = await hashPassword(input.password, this.config.env.BCRYPT_COST);
    if (principal.role === 'platform_admin' && !(await this.cooperatives.findById(cooperativeId))) {
      throw ProblemError.invalid([{ field: 'cooperativeId', message: 'no such cooperative' }]);
    }
    if (await this.credentials.isEmailTaken(input.email)) throw ProblemError.conflict('A user with this e-mail exists', 'email_taken');
    return this.transactions.inTenant(cooperativeId, async () => {
      if (input.merchantId && !(await this.merchants.findById(input.merchantId))) {
        throw ProblemError.invalid([{ field: 'merchantId', message: 'no such merchant in this cooperative' }]);
      }
      const user = await this.users.create({
        email: input.email,
        passwordHash,
        name: input.name,
        role: input.role,
        phone: input.phone ?? null,
        merchantId: input.merchantId ?? null,
      });
      const courier = input.role === 'courier'
        ? await this.couriers.create({ userId: user.id, vehicle: input.courier?.vehicle ?? 'bike', capacity: input.courier?.capacity ?? 2 })
        : null;
      return { user, courier };
    });
  }

  async get(id: string) {
    const user = await this.users.findById(id);
    if (!user) throw ProblemError.notFound('User');
    return { user, courier: user.role === 'courier' ? await this.couriers.findByUserId(id) : null };
  }

  /** A new password also ends the member's sessions: whoever held the old one is logged out. */
  async update(id: string, input: UpdateUserDto) {
    const { password, ...rest } = input;
    const passwordHash = password ? await hashPassword(password, this.config.env.BCRYPT_COST) : undefined;
    const user = await this.users.update(id, { ...rest, ...(passwordHash ? { passwordHash } : {}) });
    if (!user) throw ProblemError.notFound('User');
    if (passwordHash) await this.endSessions(id);
    return user;
  }

  /**
   * A member who leaves the co-op: they can no longer log in, their tokens stop working and
   * their open sockets close within seconds; a courier's shift ends so dispatch offers them
   * nothing more. The row stays for the orders and shifts that name it. Repeating it is harmless.
   */
  async deactivate(principal: Principal, id: string): Promise<void> {
    if (id === principal.userId) throw ProblemError.conflict('You cannot deactivate your own account', 'cannot_deactivate_self');
    const user = await this.users.findById(id);
    if (!user) throw ProblemError.notFound('User');
    if (!user.deactivatedAt) {
      await this.users.deactivate(id);
      const courier = user.role === 'courier' ? await this.couriers.findByUserId(id) : null;
      if (courier) await this.courierShifts.endShiftOf(courier.id, user.name);
    }
    await this.endSessions(id);
  }

  private async endSessions(userId: string): Promise<void> {
    await this.revocations.revokeUser(userId);
    this.transactions.afterCommit(() => this.realtime.disconnectUser(userId));
  }

  list(page: PageRequest, filter: { role?: UserListQueryDto['role'] }) {
    return this.users.list(page, filter);
  }

  private targetCooperative(principal: Principal, requested: string | undefined): string {
    if (principal.role === 'platform_admin') {
      if (!requested) throw ProblemError.invalid([{ field: 'cooperativeId', message: 'platform admins must name the cooperative' }]);
      return requested;
    }
    // The tenant comes from the credentials; a coop admin cannot point elsewhere.
    if (requested !== undefined) throw ProblemError.invalid([{ field: 'cooperativeId', message: 'property cooperativeId should not exist' }]);
    return principal.cooperativeId!;
  }

  private checkRoleFields(input: CreateUserDto): void {
    const errors: FieldError[] = [];
    if (input.role === 'merchant' && !input.merchantId) errors.push({ field: 'merchantId', message: 'merchantId is required for role merchant' });
    if (input.role !== 'merchant' && input.merchantId) errors.push({ field: 'merchantId', message: 'merchantId is only for role merchant' });
    if (input.role !== 'courier' && input.courier) errors.push({ field: 'courier', message: 'courier is only for role courier' });
    if (errors.length) throw ProblemError.invalid(errors);
  }
}
