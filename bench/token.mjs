// Mints a partner's bearer token as the platform's identity provider would (RS256), for the signed-in
// runs of bench/replicas.sh: node bench/token.mjs <private-key.pem> <issuer> <partner key>
import { createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [keyFile, issuer, partner] = process.argv.slice(2);
const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = Math.floor(Date.now() / 1000);
const header = b64({ alg: 'RS256', typ: 'JWT' });
const payload = b64({ iss: issuer, sub: `partner-${partner}`, groups: ['partner'], partner_id: b64(`Partner:${partner}`),
  iat: now, exp: now + 6 * 3600 });
const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), createPrivateKey(readFileSync(keyFile))).toString('base64url');
console.log(`${header}.${payload}.${signature}`);
