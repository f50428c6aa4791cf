// Placeholder.
import { UserError } from './user-error.js';
export async function runDag(_f: string): Promise<void> { throw new UserError('not yet'); }
export async function runParamsDiff(_r: string | undefined, _o: object): Promise<void> { throw new UserError('not yet'); }
export async function runMetricsShow(_o: object): Promise<void> { throw new UserError('not yet'); }
export async function runMetricsDiff(_r: string | undefined, _o: object): Promise<void> { throw new UserError('not yet'); }
export async function runGc(_d: boolean): Promise<void> { throw new UserError('not yet'); }
