// The pinned Lighthouse CLI (node_modules/lighthouse/cli/bin.js), ended once it is done.
//
//   node lighthouse.mjs ARGS...             one CLI run with ARGS
//   node lighthouse.mjs --batch JOBS.json   one CLI run per argument list in the JSON list, in turn;
//                                           prints "done" after each, so a caller can name the one that failed
//
// Why one process for a batch: each CLI start loads Lighthouse and its config again, about 4 s of a 16 s
// gather here. Why not `node node_modules/lighthouse/cli/index.js`: after the CLI has saved its results and
// killed Chrome, its process stays alive about 4 s longer on handles it leaves open. A failure still exits
// inside the CLI, with its code.
import fs from 'fs';
import {begin} from '../../node_modules/lighthouse/cli/bin.js';

const [node, script, ...rest] = process.argv;
const jobs = rest[0] === '--batch' ? JSON.parse(fs.readFileSync(rest[1], 'utf8')) : [rest];
for (const args of jobs) {
  process.argv = [node, script, ...args];
  await begin();
  process.stdout.write('done\n');
}
process.exit(0);
