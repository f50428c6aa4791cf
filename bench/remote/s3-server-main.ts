// s3rver in a process of its own, so that the benchmark's server does not share an event loop with anything:
// prints its endpoint on stdout as one JSON line, and stops (removing its storage) when stdin closes.
// Arguments: [bucket] [parent folder of its storage (default: the temp folder)].
import { startS3Server } from '../../test/remote/s3-server.js';

const server = await startS3Server(process.argv[2] ?? 'bench', process.argv[3]);
process.stdout.write(`${JSON.stringify({ endpoint: server.endpoint, bucket: server.bucket })}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.stop().then(() => process.exit(0)));
