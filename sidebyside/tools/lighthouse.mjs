// The pinned Lighthouse CLI (node_modules/lighthouse/cli/bin.js) with this process's arguments, ended once it is done.
//
// Why not `node node_modules/lighthouse/cli/index.js`: after the CLI has saved its results and killed Chrome,
// its process stays alive about 4 s longer on handles it leaves open (a gather took 15.2 s through index.js and
// 11.1 s here), and the audit starts it twice per mobile run. A failure still exits inside the CLI, with its code.
import {begin} from '../../node_modules/lighthouse/cli/bin.js';

await begin();
process.exit(0);
