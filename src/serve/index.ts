// Public API of the model server and batch pre-labelling (used by `pipe serve` and `pipe predict`).
export { startServer, SERVER_VERSION } from './server.js';
export type { Server, ServeOptions } from './server.js';
export type { ModelState, RouteAccess } from './route-types.js';
export { DEFAULT_LIMITS, loadServeConfig, serveConfigSchema, ServeConfigError } from './serve-config.js';
export type { ServeConfig, ServeLimits } from './serve-config.js';
export { BEST_MODEL_FILE, NO_MODEL_MESSAGE, resolveModelDir } from './default-model.js';
export { prelabelCsv, prelabelFiles, writePrelabels } from './prelabel.js';
export type { PrelabelOptions, PrelabelResult, PrelabelSegment } from './prelabel.js';
export { ROLES } from './auth.js';
export type { Role } from './auth.js';
