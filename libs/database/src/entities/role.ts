export const roles = ['platform_admin', 'coop_admin', 'dispatcher', 'courier', 'merchant'] as const;
export type Role = (typeof roles)[number];
