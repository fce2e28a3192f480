/**
 * The public wire contract, written once: the REST views and the socket events of
 * `../shared/CONTRACT.md` as TypeScript types. The API's presenters return these types,
 * the gateway and the publisher emit them, and the pages and the demo read them, so
 * changing a field breaks the compiler wherever it matters.
 *
 * Types only (no runtime code, no imports from other libs), so the Vite front end can
 * import it (`import type { … } from '@lib/wire'`) without pulling in server code.
 */
export type * from './common';
export type * from './cooperative-view';
export type * from './courier-report-view';
export type * from './courier-events';
export type * from './courier-view';
export type * from './dispatch-board-view';
export type * from './dispatch-events';
export type * from './merchant-view';
export type * from './order-status';
export type * from './order-view';
export type * from './partnership-view';
export type * from './socket-namespaces';
export type * from './track-events';
export type * from './tracking-view';
