import { Foundation1764000000000 } from './1764000000000-foundation';

/** Every migration, in order. A new migration is added here (no glob: bundles stay explicit). */
export const migrations = [Foundation1764000000000];
