import { Injectable } from '@nestjs/common';
import { Principal } from '@lib/auth';
import { CooperativesRepository, PageRequest, withDefaultSettings } from '@lib/database';
import { toMultiPolygon } from '@lib/geo';
import { ProblemError } from '@lib/http';
import { CreateCooperativeDto, UpdateCooperativeDto } from './cooperative.dto';

const validTimezones = new Set(Intl.supportedValuesOf('timeZone').concat('UTC'));

@Injectable()
export class CooperativesService {
  constructor(private readonly cooperatives: CooperativesRepository) {}

  async create(input: CreateCooperativeDto) {
    this.checkTimezone(input.timezone);
    if (await this.cooperatives.slugExists(input.slug)) throw ProblemError.conflict(`The slug "${input.slug}" is taken`, 'slug_taken');
    await this.checkAreaIsValid(input.serviceArea);
    return this.cooperatives.create({
      name: input.name,
      slug: input.slug,
      timezone: input.timezone,
      currency: input.currency,
      serviceArea: toMultiPolygon(input.serviceArea),
      settings: mergeSettings({}, input.settings ?? {}),
    });
  }

  /** A member sees only their own cooperative; any other id is "not found", never "forbidden". */
  async get(principal: Principal, id: string) {
    if (principal.role !== 'platform_admin' && principal.cooperativeId !== id) throw ProblemError.notFound('Cooperative');
    const cooperative = await this.cooperatives.findById(id);
    if (!cooperative) throw ProblemError.notFound('Cooperative');
    return cooperative;
  }

  async update(principal: Principal, id: string, input: UpdateCooperativeDto) {
    const current = await this.get(principal, id);
    if (input.timezone) this.checkTimezone(input.timezone);
    if (input.slug && input.slug !== current.slug && (await this.cooperatives.slugExists(input.slug))) {
      throw ProblemError.conflict(`The slug "${input.slug}" is taken`, 'slug_taken');
    }
    if (input.serviceArea) await this.checkAreaIsValid(input.serviceArea);
    const settings = input.settings ? mergeSettings(current.settings, input.settings) : undefined;
    const { serviceArea, settings: _ignored, ...rest } = input;
    return (await this.cooperatives.update(id, {
      ...rest,
      ...(serviceArea ? { serviceArea: toMultiPolygon(serviceArea) } : {}),
      ...(settings ? { settings } : {}),
    }))!;
  }

  list(page: PageRequest) {
    return this.cooperatives.list(page);
  }

  /** Every co-op's id, name and slug, nothing else (how a co-op admin finds a partner). */
  directory(page: PageRequest) {
    return this.cooperatives.directory(page);
  }

  private checkTimezone(timezone: string): void {
    if (!validTimezones.has(timezone)) throw ProblemError.invalid([{ field: 'timezone', message: 'timezone must be an IANA zone such as Europe/Paris' }]);
  }

  private async checkAreaIsValid(area: CreateCooperativeDto['serviceArea']): Promise<void> {
    const problem = await this.cooperatives.areaProblem(toMultiPolygon(area));
    if (problem) throw ProblemError.invalid([{ field: 'serviceArea', message: `serviceArea is not a valid area: ${problem}` }]);
  }
}

function mergeSettings(current: object, patch: object) {
  const merged = withDefaultSettings({ ...current, ...patch } as never);
  const pricingPatch = (patch as { pricing?: object }).pricing;
  if (pricingPatch) merged.pricing = { ...withDefaultSettings(current as never).pricing, ...pricingPatch };
  return merged;
}
