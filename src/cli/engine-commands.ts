// Placeholder until this concern's branch lands: registers nothing.
import type { Command } from 'commander';

export function registerEngineCommands(_program: Command): void {}
