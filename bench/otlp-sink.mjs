// An OTLP/HTTP endpoint that takes trace exports and answers 200, for bench/tracing.sh: the cost
// of tracing on the service's side, without a collector's CPU in the figures.
//   node bench/otlp-sink.mjs 14318
// Prints the exports and bytes received when stopped (SIGTERM).
import http from 'node:http';

const port = Number(process.argv[2] ?? 4318);
let exports = 0;
let bytes = 0;
const server = http.createServer((req, res) => {
  req.on('data', (chunk) => { bytes += chunk.length; });
  req.on('end', () => {
    exports++;
    res.writeHead(200, { 'content-type': 'application/x-protobuf' });
    res.end();
  });
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  console.log(`otlp-sink: ${exports} exports, ${bytes} bytes`);
  server.close(() => process.exit(0));
});
