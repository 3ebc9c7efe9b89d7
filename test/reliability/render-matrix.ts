/** Prints the authorization matrix as Markdown: `node test/reliability/render-matrix.ts > docs/authorization-matrix.md`. */
import { renderMatrix } from './authorization-matrix.ts';

process.stdout.write(renderMatrix());
