#!/usr/bin/env bash
# Makes a bearer JWT for local use (dev mode), signed with the dev key pair in this folder.
#   src/dev/make-token.sh partner UGFydG5lcjox   -> a token for partner Partner:1 (Kastenkoning)
#   src/dev/make-token.sh admin                  -> a token for a platform administrator
# The dev public key (src/main/resources/jwt/dev-public-key.pem) is trusted in dev mode only; in
# production set JWT_PUBLIC_KEY_LOCATION to the identity provider's public key.
# Other key pair:  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem
#                  openssl pkey -in private.pem -pubout -out public.pem
set -euo pipefail
role=${1:?usage: make-token.sh partner PARTNER_ID | admin}
key=${PRIVATE_KEY:-$(dirname "$0")/dev-private-key.pem}
issuer=${JWT_ISSUER:-https://login.marketplace.example}
now=$(date +%s)
b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
case "$role" in
    partner) claims="\"sub\":\"partner-${2:?partner id}\",\"groups\":[\"partner\"],\"partner_id\":\"$2\"" ;;
    admin) claims="\"sub\":\"admin\",\"groups\":[\"admin\"]" ;;
    *) echo "usage: make-token.sh partner PARTNER_ID | admin" >&2; exit 2 ;;
esac
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64)
payload=$(printf '{"iss":"%s",%s,"iat":%d,"exp":%d}' "$issuer" "$claims" "$now" $((now + 8 * 3600)) | b64)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | b64)
echo "$header.$payload.$signature"
