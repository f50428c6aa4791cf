// Types the server and its route modules share (kept apart so that route modules never import the server).
import type { PublicEndpoint, Role } from './auth.js';
import type { LoadedModel } from './loaded-model.js';

/** What each route needs: the role, and the name under which it may be made public. */
export interface RouteAccess {
  readonly role: Role;
  readonly publicAs?: PublicEndpoint;
}

/** The served model: loading, ready, or failed with a message. */
export type ModelState = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly model: LoadedModel } | { readonly kind: 'failed'; readonly message: string };
