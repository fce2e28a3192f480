import { CooperativeEntity, withDefaultSettings } from '@lib/database';

export function presentCooperative(cooperative: CooperativeEntity) {
  return {
    id: cooperative.id,
    name: cooperative.name,
    slug: cooperative.slug,
    timezone: cooperative.timezone,
    currency: cooperative.currency.trim(),
    serviceArea: cooperative.serviceArea,
    settings: withDefaultSettings(cooperative.settings),
    createdAt: cooperative.createdAt.toISOString(),
    updatedAt: cooperative.updatedAt.toISOString(),
  };
}
