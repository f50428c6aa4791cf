// Placeholder until this concern's branch lands: registers nothing.
import type { Command } from 'commander';

export function registerGbdtCommand(_program: Command): void {}
