// An SMTP server for bench/mail.sh that accepts every message and keeps nothing: it answers each
// message's end of DATA after --delay-ms (0: at once; 200: a provider that takes its time), and
// counts what it accepted (GET /count on --http-port).
//   node bench/smtp-sink.mjs --port 2525 --delay-ms 200 --http-port 2526
import net from 'node:net';
import http from 'node:http';

const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const port = arg('port', 2525);
const delay = arg('delay-ms', 0);
let accepted = 0;

net.createServer((socket) => {
    let inData = false;
    let buffered = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
        buffered += chunk.toString('latin1');
        let newline;
        while ((newline = buffered.indexOf('\r\n')) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 2);
            if (inData) {
                if (line === '.') {
                    inData = false;
                    setTimeout(() => { accepted++; socket.write('250 OK queued\r\n'); }, delay);
                }
                continue;
            }
            const command = line.slice(0, 4).toUpperCase();
            if (command === 'EHLO') socket.write('250-sink\r\n250 8BITMIME\r\n');
            else if (command === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
            else if (command === 'QUIT') { socket.end('221 bye\r\n'); }
            else socket.write('250 OK\r\n');
        }
    });
    socket.on('error', () => {});
}).listen(port, '127.0.0.1');

http.createServer((req, res) => res.end(String(accepted))).listen(arg('http-port', port + 1), '127.0.0.1');
