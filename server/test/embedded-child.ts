// Started by embedded.test.ts as a stand-in for a Luoshi process that gets killed with SIGKILL.
import { startEmbeddedPostgres } from '../db/embedded.ts';

const pg = await startEmbeddedPostgres(process.argv[2]!);
process.stdout.write(`READY ${pg.url}\n`);
setInterval(() => {}, 1000);
