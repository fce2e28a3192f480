import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HttpStatus } from '@nestjs/common';
import type { Request } from 'express';
import { CredentialsRepository, Role } from '@lib/database';
import { ProblemError } from '@lib/http';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './access.decorators';
import { hashApiKey } from './api-keys';
import type { Principal } from './principal';
import { SessionRevocations } from './session-revocations';
import { Tokens } from './tokens';

/**
 * Global guard: authenticates (Bearer JWT or X-Api-Key) and checks the route's roles.
 * Fails closed: a route with neither `@Public` nor `@Roles` refuses everyone, and the
 * route-policy test lists it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: Tokens,
    private readonly credentials: CredentialsRepository,
    private readonly revocations: SessionRevocations,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!allowed) throw new ProblemError(HttpStatus.INTERNAL_SERVER_ERROR, 'This route has no access policy', 'route_without_policy');

    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    if (!principal) throw new ProblemError(HttpStatus.UNAUTHORIZED, 'Missing, invalid or expired credentials');
    request.principal = principal;
    if (!allowed.includes(principal.role)) throw ProblemError.forbidden();
    return true;
  }

  private async authenticate(request: Request): Promise<Principal | null> {
    const apiKey = request.header('x-api-key');
    if (apiKey) return this.fromApiKey(apiKey);
    const [scheme, token] = (request.header('authorization') ?? '').split(' ');
    const principal = scheme === 'Bearer' && token ? this.tokens.verify(token) : null;
    return principal && !(await this.revocations.isRevoked(principal)) ? principal : null;
  }

  private async fromApiKey(key: string): Promise<Principal | null> {
    const record = await this.credentials.findApiKey(hashApiKey(key));
    if (!record) return null;
    return { role: 'merchant', cooperativeId: record.cooperativeId, merchantId: record.merchantId, apiKeyId: record.id, name: record.merchantName };
  }
}
