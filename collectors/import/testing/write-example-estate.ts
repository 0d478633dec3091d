/** Regenerates the example estate: `node dist/collectors/import/testing/write-example-estate.js [dir]`. */
import { fromRoot } from '../../../common/paths.js';
import { writeExampleEstate } from './estate.js';

const dir = process.argv[2] ?? fromRoot('examples', 'estate');
for (const file of await writeExampleEstate(dir)) process.stdout.write(`${dir}/${file}\n`);
