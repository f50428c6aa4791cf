// Preloaded into a child (`node --import`): writes the process's peak RSS in KiB (worker threads included) to
// $RSS_OUT when it exits, so a test can bound the memory a command needed.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.RSS_OUT) writeFileSync(process.env.RSS_OUT, String(process.resourceUsage().maxRSS));
});
