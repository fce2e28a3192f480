import { CooperativeRecord, type CooperativeSettings, withDefaultSettings } from '@lib/database';
import type { CooperativeSettingsView, CooperativeView } from '@lib/wire';

/**
 * The settings go out as stored (defaults filled in), so the compiler checks both ways that
 * the stored shape and the wire's are the same: a field added to one and not the other fails.
 */
type SameFields<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type MustHold<Check extends true> = Check;
type SettingsCheck = MustHold<SameFields<CooperativeSettings, CooperativeSettingsView>>;

export function presentCooperative(cooperative: CooperativeRecord): CooperativeView {
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
