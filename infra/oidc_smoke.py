#!/usr/bin/env python3
"""Smoke check of the local OpenID provider (infra/oidc.sh start first). Standard library only.

For every user of infra/oidc-users.json it does what a browser and the staff web app would:
reads discovery, GETs the authorization endpoint (code flow, PKCE S256), fills and POSTs the
sign-in form, reads the code from the redirect's Location header (nothing listens at the
redirect URI), exchanges the code at the token endpoint with the client secret, fetches the
JWKS, verifies the RS256 signatures of the access token and the ID token itself (RSA in pure
Python, not through the provider's library), checks the claims against the users file and
prints them. It also checks that the provider refuses a wrong password, a wrong PKCE verifier,
an authorization request without a PKCE challenge, an unregistered redirect URI, a replayed
code and a wrong client secret, and that a token with a tampered payload fails verification.
Exits 1 on the first failure.

Environment: RJHUB_OIDC_PORT (8090), RJHUB_OIDC_REDIRECT_URI (the first registered one,
http://127.0.0.1:8086/auth/callback), RJHUB_OIDC_CLIENT_ID (rjhub-workplace),
RJHUB_OIDC_CLIENT_SECRET_FILE (<state>/secrets/oidc-client-secret), RJHUB_STATE_DIR (.local).
"""

import base64
import hashlib
import html.parser
import http.client
import json
import os
import secrets
import sys
import time
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get("RJHUB_STATE_DIR") or os.path.join(ROOT, ".local")
PORT = int(os.environ.get("RJHUB_OIDC_PORT") or 8090)
ISSUER = f"http://127.0.0.1:{PORT}"
CLIENT_ID = os.environ.get("RJHUB_OIDC_CLIENT_ID") or "rjhub-workplace"
REDIRECT_URI = (os.environ.get("RJHUB_OIDC_REDIRECT_URI")
                or "http://127.0.0.1:8086/auth/callback")
SECRET_FILE = (os.environ.get("RJHUB_OIDC_CLIENT_SECRET_FILE")
               or os.path.join(STATE, "secrets", "oidc-client-secret"))
USERS_FILE = os.path.join(ROOT, "infra", "oidc-users.json")

# DER prefix of the DigestInfo of a SHA-256 hash, for RSASSA-PKCS1-v1_5 (RFC 8017, 9.2).
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def b64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def request(method, url, body=None, headers=None):
    """One HTTP exchange, redirects not followed: (status, headers dict, body text)."""
    parts = urlsplit(url)
    check(parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost"),
          f"refusing a non-loopback URL: {url}")
    connection = http.client.HTTPConnection(parts.hostname, parts.port or 80, timeout=10)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    data = urlencode(body).encode() if isinstance(body, dict) else body
    all_headers = {"User-Agent": "rjhub-oidc-smoke"}
    if data is not None:
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    all_headers.update(headers or {})
    try:
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, {k.lower(): v for k, v in response.getheaders()}, text
    except OSError as error:
        raise Failure(f"{method} {url}: {error} (is the provider running? bash infra/oidc.sh start)")
    finally:
        connection.close()


def get_json(url, **kwargs):
    status, _, text = request("GET", url, **kwargs)
    check(status == 200, f"GET {url}: HTTP {status}: {text[:200]}")
    return json.loads(text)


class FormParser(html.parser.HTMLParser):
    """The first form of a page: its action and its input fields by name."""

    def __init__(self):
        super().__init__()
        self.action, self.fields, self.in_form, self.done = None, {}, False, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done:
            self.action, self.in_form = attrs.get("action"), True
        elif tag == "input" and self.in_form and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def verify_rs256(token, jwks):
    """The payload of `token` once its RS256 signature verifies under the JWKS key its kid names."""
    try:
        header_b64, payload_b64, signature_b64 = token.split(".")
    except ValueError:
        raise Failure("not a compact JWS")
    header = json.loads(b64url_decode(header_b64))
    check(header.get("alg") == "RS256", f"token alg is {header.get('alg')}, not RS256")
    keys = [k for k in jwks["keys"] if k.get("kid") == header.get("kid")]
    check(len(keys) == 1, f"no single JWKS key has the token's kid {header.get('kid')}")
    key = keys[0]
    check(key.get("kty") == "RSA" and key.get("alg") == "RS256", f"JWKS key is not RS256: {key}")
    check(not ({"d", "p", "q", "dp", "dq", "qi"} & key.keys()), "JWKS publishes private key parts")
    n = int.from_bytes(b64url_decode(key["n"]), "big")
    e = int.from_bytes(b64url_decode(key["e"]), "big")
    size = (n.bit_length() + 7) // 8
    check(n.bit_length() >= 2048, f"RSA key of {n.bit_length()} bits")
    signature = b64url_decode(signature_b64)
    check(len(signature) == size, "signature length does not match the key")
    digest = hashlib.sha256(f"{header_b64}.{payload_b64}".encode("ascii")).digest()
    expected = SHA256_DIGEST_INFO + digest
    expected = b"\x00\x01" + b"\xff" * (size - len(expected) - 3) + b"\x00" + expected
    recovered = pow(int.from_bytes(signature, "big"), e, n).to_bytes(size, "big")
    check(recovered == expected, "RS256 signature does not verify")
    return json.loads(b64url_decode(payload_b64))


def pkce_pair():
    verifier = b64url(secrets.token_bytes(32))
    return verifier, b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def authorize(discovery, challenge, state, nonce, redirect_uri=REDIRECT_URI, pkce=True):
    query = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": redirect_uri,
             "scope": "openid profile email", "state": state, "nonce": nonce}
    if pkce:
        query.update({"code_challenge": challenge, "code_challenge_method": "S256"})
    return request("GET", discovery["authorization_endpoint"] + "?" + urlencode(query))


def sign_in(discovery, username, password):
    """Authorization request and sign-in form: (PKCE verifier, nonce, status, headers, body)."""
    verifier, challenge = pkce_pair()
    state, nonce = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
    status, _, page = authorize(discovery, challenge, state, nonce)
    check(status == 200, f"authorization endpoint: HTTP {status}: {page[:200]}")
    form = FormParser()
    form.feed(page)
    check(form.action and "token" in form.fields and "username" in form.fields
          and "password" in form.fields, "authorization page has no sign-in form")
    fields = dict(form.fields, username=username, password=password)
    status, headers, body = request("POST", urljoin(ISSUER + "/", form.action), body=fields)
    return verifier, state, nonce, status, headers, body


def code_from(location, state):
    check(location.startswith(REDIRECT_URI + "?"), f"redirect to {location!r}")
    query = parse_qs(urlsplit(location).query)
    check("error" not in query, f"provider answered an error: {query}")
    check(query.get("state") == [state], "state not returned unchanged")
    check(len(query.get("code", [])) == 1, "no code in the redirect")
    return query["code"][0]


def exchange(discovery, code, verifier, secret):
    basic = base64.b64encode(f"{CLIENT_ID}:{secret}".encode()).decode()
    return request("POST", discovery["token_endpoint"],
                   body={"grant_type": "authorization_code", "code": code,
                         "redirect_uri": REDIRECT_URI, "code_verifier": verifier},
                   headers={"Authorization": f"Basic {basic}", "Accept": "application/json"})


def check_claims(kind, claims, expected, now):
    check(claims.get("iss") == ISSUER, f"{kind} iss is {claims.get('iss')!r}")
    check(claims.get("sub") == expected["sub"], f"{kind} sub is {claims.get('sub')!r}")
    check(isinstance(claims.get("exp"), int) and claims["exp"] > now, f"{kind} exp not ahead")
    check(isinstance(claims.get("iat"), int) and claims["iat"] <= now + 5, f"{kind} iat")
    for name in ("roles", "areas", "agency", "facilitator_id", "name"):
        check(claims.get(name) == expected.get(name),
              f"{kind} {name} is {claims.get(name)!r}, expected {expected.get(name)!r}")
    check(isinstance(claims["roles"], list) and isinstance(claims["areas"], list),
          f"{kind} roles/areas are not arrays")


def token_for(username):
    """Signs `username` in through the whole flow and prints only the access token: for tests
    that hand the provider's real token to the hub's access gate."""
    with open(USERS_FILE, encoding="utf-8") as file:
        users = json.load(file)["users"]
    check(username in users, f"no user {username!r} in the users file")
    with open(SECRET_FILE, encoding="utf-8") as file:
        secret = file.read().strip()
    discovery = get_json(ISSUER + "/.well-known/openid-configuration")
    verifier, state, _, status, headers, body = sign_in(
        discovery, username, users[username]["password"])
    check(status in (302, 303), f"sign-in answered HTTP {status}: {body[:200]}")
    code = code_from(headers.get("location", ""), state)
    status, _, body = exchange(discovery, code, verifier, secret)
    check(status == 200, f"token endpoint: HTTP {status}: {body[:200]}")
    print(json.loads(body)["access_token"])
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--token":
        return token_for(sys.argv[2])
    with open(USERS_FILE, encoding="utf-8") as file:
        users = json.load(file)["users"]
    with open(SECRET_FILE, encoding="utf-8") as file:
        secret = file.read().strip()

    discovery = get_json(f"{ISSUER}/.well-known/openid-configuration")
    check(discovery.get("issuer") == ISSUER, f"discovery issuer {discovery.get('issuer')}")
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        check(discovery.get(name, "").startswith(ISSUER + "/"), f"discovery {name}")
    check("S256" in discovery.get("code_challenge_methods_supported", []), "no S256 in discovery")
    check("RS256" in discovery.get("id_token_signing_alg_values_supported", []), "no RS256")
    jwks = get_json(discovery["jwks_uri"])
    print(f"discovery ok: issuer {ISSUER}, {len(jwks['keys'])} signing key(s) "
          f"{[k['kid'][:12] + '…' for k in jwks['keys']]}")

    last = None
    for username, user in users.items():
        expected = user["claims"]
        verifier, state, nonce, status, headers, body = sign_in(discovery, username,
                                                                user["password"])
        check(status in (302, 303), f"{username}: sign-in answered HTTP {status}: {body[:200]}")
        code = code_from(headers.get("location", ""), state)
        status, _, text = exchange(discovery, code, verifier, secret)
        check(status == 200, f"{username}: token endpoint HTTP {status}: {text[:300]}")
        tokens = json.loads(text)
        check(tokens.get("token_type", "").lower() == "bearer", "token_type is not Bearer")
        now = int(time.time())
        access = verify_rs256(tokens["access_token"], jwks)
        check_claims("access token", access, expected, now)
        identity = verify_rs256(tokens["id_token"], jwks)
        check_claims("ID token", identity, expected, now)
        audience = identity.get("aud")
        check(audience == CLIENT_ID or CLIENT_ID in (audience or []), "ID token aud")
        check(identity.get("nonce") == nonce, "ID token nonce")
        info = get_json(discovery["userinfo_endpoint"],
                        headers={"Authorization": f"Bearer {tokens['access_token']}"})
        check(info.get("sub") == expected["sub"] and info.get("roles") == expected["roles"],
              f"userinfo: {info}")
        shown = {k: access[k] for k in ("sub", "iss", "exp", "iat", "roles", "areas",
                                        "facilitator_id", "agency", "name", "aud") if k in access}
        print(f"{username}: signed in; access token (RS256, verified) claims: "
              f"{json.dumps(shown, ensure_ascii=False)}")
        last = (code, verifier, tokens["access_token"])

    # --- what must be refused ---------------------------------------------------------------
    name, user = next(iter(users.items()))
    _, _, _, status, headers, body = sign_in(discovery, name, user["password"] + "-wrong")
    check(status in (401, 403) and "location" not in headers,
          f"wrong password: HTTP {status}, Location {headers.get('location')}")
    check("sign-in" in body.lower() or "password" in body.lower(), "no form after a refusal")
    print(f"refused: wrong password for {name} (HTTP {status}, form shown again, no code)")

    _, _, _, status, headers, _ = sign_in(discovery, "nobody.alpha", "whatever")
    check(status in (401, 403) and "location" not in headers, f"unknown user: HTTP {status}")
    print(f"refused: unknown user (HTTP {status})")

    verifier, state, _, status, headers, _ = sign_in(discovery, name, user["password"])
    code = code_from(headers.get("location", ""), state)
    wrong_verifier, _ = pkce_pair()
    status, _, text = exchange(discovery, code, wrong_verifier, secret)
    check(status == 400 and json.loads(text).get("error") == "invalid_grant",
          f"wrong PKCE verifier: HTTP {status}: {text[:200]}")
    print(f"refused: wrong PKCE verifier (HTTP {status}, {json.loads(text)})")

    status, _, text = exchange(discovery, code, verifier, secret + "x")
    check(status in (400, 401) and "access_token" not in text,
          f"wrong client secret: HTTP {status}: {text[:200]}")
    print(f"refused: wrong client secret (HTTP {status}, {json.loads(text).get('error')})")

    code, verifier, access_token = last
    status, _, text = exchange(discovery, code, verifier, secret)
    check(status == 400 and "access_token" not in text, f"replayed code: HTTP {status}")
    print(f"refused: replayed authorization code (HTTP {status}, {json.loads(text)['error']})")

    status, headers, text = authorize(discovery, "", "s", "n", pkce=False)
    location = headers.get("location", "")
    check("access_token" not in text and ("error" in location or status >= 400)
          and "<form" not in text, f"no PKCE challenge: HTTP {status} {location} {text[:200]}")
    print(f"refused: authorization request without code_challenge (HTTP {status}, "
          f"{parse_qs(urlsplit(location).query).get('error') or text[:80]})")

    _, challenge = pkce_pair()
    status, headers, text = authorize(discovery, challenge, "s", "n",
                                      redirect_uri="http://127.0.0.1:9/evil")
    check(status >= 400 and "location" not in headers and "<form" not in text,
          f"unregistered redirect_uri: HTTP {status} {headers.get('location')}")
    print(f"refused: unregistered redirect_uri (HTTP {status}, no redirect)")

    header, payload, signature = access_token.split(".")
    claims = json.loads(b64url_decode(payload))
    claims["roles"] = ["administrator"]
    forged = ".".join([header, b64url(json.dumps(claims).encode()), signature])
    try:
        verify_rs256(forged, jwks)
    except Failure:
        print("refused: access token with a tampered payload (signature check fails)")
    else:
        raise Failure("a tampered token verified")

    print(f"oidc smoke: {len(users)} users signed in, 8 refusals checked: all ok")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Failure as failure:
        print(f"oidc smoke FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
