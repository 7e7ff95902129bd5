#!/usr/bin/env python3
"""RJ Hub's local OpenID Connect provider, for development and tests (run by infra/oidc.sh).

A real OpenID provider built on IdentityPython's idpyoidc (the OP library, pinned in
infra/oidc.sh), served by the Python standard library's http.server on a loopback port:

    GET  /.well-known/openid-configuration   discovery
    GET  /authorization                      authorization code flow; PKCE S256 is required
    POST /verify/user                        the sign-in form's target (username, password)
    POST /token                              code -> access token + ID token (JWTs, RS256)
    GET  /jwks                               the public signing keys
    GET|POST /userinfo                       the user's claims, for the access token

The users come from a JSON file (infra/oidc-users.json: synthetic accounts, one per hub role);
each user's claims (sub, name, roles, areas, agency, facilitator_id …) are put into the access
token, the ID token and the userinfo answer. The one client is registered from the command
line (its secret read from a file the script generated). The RS256 signing key is made at
first start and kept in the state folder (--state): <state>/keys/jwks.private.json, with its
public half in <state>/jwks.json (the file the hub reads through RJHUB_JWT_JWKS_FILE).

No cookies are kept: every authorization request shows the sign-in form, so a browser or a
test can sign in as another user straight away. Sessions and codes live in memory; a restart
forgets them, but tokens already issued stay verifiable against the kept key.

Usage: oidc_provider.py --port 8090 --state DIR --users FILE --client-id ID
                        --client-secret-file FILE --redirect-uri URI [--redirect-uri URI …]
"""

import argparse
import hmac
import html
import json
import logging
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from idpyoidc.message.oauth2 import ResponseMessage
from idpyoidc.message.oidc import AccessTokenRequest, AuthorizationRequest
from idpyoidc.server import Server
from idpyoidc.server.oauth2.add_on import pkce
from idpyoidc.server.configure import OPConfiguration
from idpyoidc.server.exception import BearerTokenAuthenticationError
from idpyoidc.server.exception import ClientAuthenticationError
from idpyoidc.server.exception import FailedAuthentication
from idpyoidc.server.exception import OidcEndpointError
from idpyoidc.server.user_authn.authn_context import INTERNETPROTOCOLPASSWORD
from idpyoidc.server.user_authn.user import UserAuthnMethod, create_signed_jwt
from idpyoidc.server.user_info import UserInfo

LOG = logging.getLogger("rjhub.oidc")

# The hub's own claims (see Shared/AccessControl/AccessClaims.swift) and the usual profile ones.
HUB_CLAIMS = ["roles", "areas", "agency", "facilitator_id"]
PROFILE_CLAIMS = ["name", "preferred_username", "email", "email_verified"]
USERS = {}  # username -> {"password": ..., "claims": {...}}, filled by load_users


def load_users(path):
    with open(path, encoding="utf-8") as file:
        users = json.load(file)["users"]
    for name, user in users.items():
        if not user.get("password") or not user.get("claims", {}).get("sub"):
            raise SystemExit(f"{path}: user {name} needs a password and a claims.sub")
    USERS.clear()
    USERS.update(users)


def subject_of(uid, salt="", **kwargs):
    """The `sub` of a user: the stable identifier in the users file, the same at every start."""
    return USERS[uid]["claims"]["sub"]


LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>RJ Hub test sign-in</title></head>
<body>
<h1>RJ Hub test sign-in</h1>
<p>Local test identity provider: synthetic accounts only.</p>
{error}
<form method="post" action="{action}" id="login-form">
  <input type="hidden" name="token" value="{token}">
  <p><label for="username">Username</label>
     <input type="text" id="username" name="username" autocomplete="username" required></p>
  <p><label for="password">Password</label>
     <input type="password" id="password" name="password" autocomplete="current-password"
            required></p>
  <p><button type="submit" id="sign-in">Sign in</button></p>
</form>
</body></html>
"""


class HubLoginForm(UserAuthnMethod):
    """Username and password against the users file, through a plain HTML form.

    The pending authorization request travels in the form's hidden `token` field, a JWT the
    provider signed (as idpyoidc's own form methods do), so a forged field is refused.
    """

    url_endpoint = "/verify/user"

    def __init__(self, upstream_get=None, **kwargs):
        super().__init__(upstream_get=upstream_get)

    def __call__(self, **kwargs):
        context = self.upstream_get("context")
        token = create_signed_jwt(context.issuer, self.upstream_get("attribute", "keyjar"),
                                  **kwargs)
        return self.page(token)

    def page(self, token, error=""):
        error_html = f'<p role="alert" id="error">{html.escape(error)}</p>' if error else ""
        return LOGIN_PAGE.format(action=self.url_endpoint, token=html.escape(token, quote=True),
                                 error=error_html)

    def verify(self, *args, **kwargs):
        username = kwargs.get("username", "")
        user = USERS.get(username)
        given = kwargs.get("password", "").encode("utf-8")
        expected = (user or {}).get("password", "\0").encode("utf-8")
        if user is None or not hmac.compare_digest(given, expected):
            raise FailedAuthentication("wrong username or password")
        return username


def configuration(issuer, state, client_id):
    keys = os.path.join(state, "keys")
    always = HUB_CLAIMS + PROFILE_CLAIMS
    return {
        "issuer": issuer,
        "entity_id": issuer,
        "httpc_params": {"verify": True, "timeout": 4},
        "keys": {
            "private_path": os.path.join(keys, "jwks.private.json"),
            "key_defs": [{"type": "RSA", "use": ["sig"], "size": 2048}],
            "read_only": False,
            "uri_path": "jwks",
        },
        "cookie_handler": {
            "class": "idpyoidc.server.cookie_handler.CookieHandler",
            "kwargs": {
                "keys": {
                    "private_path": os.path.join(keys, "cookie_jwks.json"),
                    "key_defs": [
                        {"type": "OCT", "use": ["enc"], "kid": "enc"},
                        {"type": "OCT", "use": ["sig"], "kid": "sig"},
                    ],
                    "read_only": False,
                },
                "name": {"session": "rjhub_oidc", "register": "rjhub_oidc_rp",
                         "session_management": "rjhub_oidc_sman"},
            },
        },
        "preference": {
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "userinfo_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "grant_types_supported": ["authorization_code"],
            "scopes_supported": ["openid", "profile", "email"],
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "claims_parameter_supported": False,
            "request_parameter_supported": False,
            "request_uri_parameter_supported": False,
            "claims_supported": ["sub", "iss", "aud", "exp", "iat"] + always,
        },
        "session_params": {"sub_func": {"public": {"function": subject_of}}},
        "add_on": {
            "pkce": {
                "function": "idpyoidc.server.oauth2.add_on.pkce.add_support",
                # S256 only: a request without a challenge, or with "plain", is refused.
                "kwargs": {"essential": True,
                           "code_challenge_methods": {"S256": pkce.CC_METHOD["S256"]}},
            },
        },
        "authz": {
            "class": "idpyoidc.server.authz.AuthzHandling",
            "kwargs": {
                "grant_config": {
                    "usage_rules": {
                        "authorization_code": {
                            "supports_minting": ["access_token", "id_token"],
                            "max_usage": 1,
                            "expires_in": 300,
                        },
                        "access_token": {"expires_in": 3600},
                    },
                    "expires_in": 43200,
                }
            },
        },
        "authentication": {
            "user": {"acr": INTERNETPROTOCOLPASSWORD, "class": HubLoginForm, "kwargs": {}},
        },
        "userinfo": {"class": UserInfo,
                     "kwargs": {"db": {u: d["claims"] for u, d in USERS.items()}}},
        "token_handler_args": {
            "jwks_def": {
                "private_path": os.path.join(keys, "token_jwks.json"),
                "key_defs": [{"type": "OCT", "bytes": 24, "use": ["enc"], "kid": "code"}],
                "read_only": False,
            },
            "code": {"kwargs": {"lifetime": 300}},
            "token": {
                "class": "idpyoidc.server.token.jwt_token.JWTToken",
                "kwargs": {"lifetime": 3600, "alg": "RS256", "aud": [client_id],
                           "always_add_claims": always},
            },
            "id_token": {
                "class": "idpyoidc.server.token.id_token.IDToken",
                "kwargs": {"always_add_claims": always},
            },
        },
        "endpoint": {
            "provider_info": {
                "path": ".well-known/openid-configuration",
                "class": "idpyoidc.server.oidc.provider_config.ProviderConfiguration",
                "kwargs": {"client_authn_method": None},
            },
            "authorization": {
                "path": "authorization",
                "class": "idpyoidc.server.oidc.authorization.Authorization",
                "kwargs": {
                    "client_authn_method": None,
                    "claims_parameter_supported": False,
                    "request_parameter_supported": False,
                    "request_uri_parameter_supported": False,
                    "response_types_supported": ["code"],
                    "response_modes_supported": ["query"],
                },
            },
            "token": {
                "path": "token",
                "class": "idpyoidc.server.oidc.token.Token",
                "kwargs": {"client_authn_method": ["client_secret_basic",
                                                   "client_secret_post"]},
            },
            "userinfo": {
                "path": "userinfo",
                "class": "idpyoidc.server.oidc.userinfo.UserInfo",
                "kwargs": {"client_authn_method": ["bearer_header", "bearer_body"],
                           "always_add_claims": always},
            },
        },
    }


def public_jwks(server):
    """The public signing keys, each naming its alg (the hub requires it), no private parts."""
    jwks = server.context.keyjar.export_jwks(private=False)
    for key in jwks["keys"]:
        if key.get("kty") == "RSA":
            key["alg"] = "RS256"
        elif key.get("kty") == "EC" and key.get("crv") == "P-256":
            key["alg"] = "ES256"
    return jwks


def build_server(args):
    load_users(args.users)
    issuer = f"http://{args.host}:{args.port}"
    os.makedirs(os.path.join(args.state, "keys"), mode=0o700, exist_ok=True)
    old_umask = os.umask(0o077)  # key files made at first start are readable by us alone
    try:
        server = Server(OPConfiguration(conf=configuration(issuer, args.state, args.client_id),
                                        base_path=args.state),
                        cwd=args.state)
    finally:
        os.umask(old_umask)
    with open(args.client_secret_file, encoding="utf-8") as file:
        secret = file.read().strip()
    if len(secret) < 16:
        raise SystemExit(f"{args.client_secret_file}: client secret shorter than 16 characters")
    server.context.cdb[args.client_id] = {
        "client_id": args.client_id,
        "client_secret": secret,
        "client_salt": "rjhub",
        "redirect_uris": [(uri, {}) for uri in args.redirect_uri],
        "response_types_supported": ["code"],
        "token_endpoint_auth_method": "client_secret_basic",
        "allowed_scopes": ["openid", "profile", "email"],
        "pkce_essential": True,
    }
    jwks = public_jwks(server)
    staged = os.path.join(args.state, "jwks.json.tmp")
    with open(staged, "w", encoding="utf-8") as file:
        json.dump(jwks, file, indent=2)
    os.replace(staged, os.path.join(args.state, "jwks.json"))
    return server, jwks


class Handler(BaseHTTPRequestHandler):
    server_version = "RJHubOIDC/1"
    op = None       # the idpyoidc Server
    jwks = None     # the public JWKS
    lock = threading.Lock()  # idpyoidc's in-memory session store is not thread safe

    def log_message(self, fmt, *args):
        LOG.info("%s %s", self.address_string(), fmt % args)

    # --- plumbing -----------------------------------------------------------------------
    def send(self, status, body, content_type="application/json", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def send_json(self, status, value):
        self.send(status, value if isinstance(value, str) else json.dumps(value))

    def redirect(self, location):
        self.send(302, "", "text/plain", [("Location", location)])

    def body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > 64 * 1024:
            raise ValueError("request body too large")
        return self.rfile.read(length).decode("utf-8") if length else ""

    def http_info(self):
        return {"headers": {k.lower(): v for k, v in self.headers.items()
                            if k.lower() not in ("cookie", "user-agent")},
                "method": self.command,
                "url": f"{self.op.issuer}{self.path}"}

    def reply(self, endpoint, request, info):
        """Turns what an idpyoidc endpoint answered into the HTTP response."""
        if isinstance(info, ResponseMessage) and "error" in info:
            status = 401 if info["error"] in ("invalid_client", "unauthorized_client") else 400
            return self.send_json(status, info.to_json())
        if "http_response" in info:
            return self.send(200, info["http_response"], "text/html; charset=utf-8")
        if "redirect_location" in info:
            return self.redirect(info["redirect_location"])
        error = info.get("response_args", {}).get("error") if isinstance(
            info.get("response_args"), dict) else None
        out = endpoint.do_response(request=request, **info)
        placement = out.get("response_placement", endpoint.response_placement)
        if placement == "url":
            return self.redirect(out["response"])
        status = out.get("response_code", 400 if error or "error" in str(
            out.get("response", ""))[:40] else 200)
        content_type = "application/json"
        headers = []
        for name, value in out.get("http_headers", []):
            if name.lower() == "content-type":
                content_type = value
            else:
                headers.append((name, value))
        return self.send(status, out["response"], content_type, headers)

    def run_endpoint(self, name, arguments):
        endpoint = self.op.get_endpoint(name)
        http_info = self.http_info()
        try:
            request = endpoint.parse_request(arguments, http_info=http_info)
        except (ClientAuthenticationError, BearerTokenAuthenticationError) as error:
            LOG.warning("%s: client or bearer authentication refused: %s", name, error)
            challenge = "Bearer" if name == "userinfo" else 'Basic realm="rjhub-oidc"'
            code = "invalid_token" if name == "userinfo" else "invalid_client"
            return self.send(401, json.dumps({"error": code}), "application/json",
                             [("WWW-Authenticate", challenge)])
        except (OidcEndpointError, ValueError, KeyError) as error:
            LOG.warning("%s: request refused: %r", name, error)
            return self.send_json(400, {"error": "invalid_request",
                                        "error_description": str(error) or type(error).__name__})
        if isinstance(request, ResponseMessage) and "error" in request:
            return self.reply(endpoint, None, request)
        if name == "token":
            request = AccessTokenRequest(**request.to_dict())
        info = endpoint.process_request(request, http_info=http_info)
        return self.reply(endpoint, request, info)

    # --- routes -------------------------------------------------------------------------
    def route(self):
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        if self.command in ("GET", "HEAD"):
            if path == "/.well-known/openid-configuration":
                return self.run_endpoint("provider_config", {})
            if path == "/jwks":
                return self.send_json(200, self.jwks)
            if path == "/authorization":
                return self.run_endpoint("authorization", query)
            if path == "/userinfo":
                return self.run_endpoint("userinfo", query)
            if path == "/health":
                return self.send_json(200, {"status": "ok", "issuer": self.op.issuer})
        elif self.command == "POST":
            if path == "/verify/user":
                return self.verify_user(dict(parse_qsl(self.body(), keep_blank_values=True)))
            if path == "/token":
                return self.run_endpoint("token", self.body())
            if path == "/userinfo":
                return self.run_endpoint("userinfo", self.body())
        return self.send_json(404, {"error": "not_found"})

    def verify_user(self, form):
        method = self.op.context.authn_broker.get_method_by_id("user")
        token = form.get("token", "")
        try:
            pending = method.unpack_token(token)
        except Exception:  # a forged, expired or missing token field
            return self.send(400, "invalid sign-in form: start again from the application",
                             "text/plain; charset=utf-8")
        try:
            username = method.verify(**form)
        except FailedAuthentication:
            LOG.warning("sign-in refused for %r", form.get("username", ""))
            return self.send(401, method.page(token, "Wrong username or password."),
                             "text/html; charset=utf-8")
        endpoint = self.op.get_endpoint("authorization")
        request = AuthorizationRequest().from_urlencoded(pending["query"])
        session_id = endpoint.create_session(request, username, pending["authn_class_ref"],
                                             pending["iat"], method)
        info = endpoint.authz_part2(request=request, session_id=session_id)
        LOG.warning("signed in %r for client %r", username, request.get("client_id"))
        return self.reply(endpoint, request, info)

    def handle_any(self):
        try:
            with self.lock:
                self.route()
        except Exception as error:  # answer, log, and keep serving
            LOG.exception("error answering %s %s", self.command, self.path)
            try:
                self.send_json(400 if isinstance(error, ValueError) else 500,
                               {"error": "server_error", "error_description": str(error)})
            except Exception:
                pass

    do_GET = do_HEAD = do_POST = handle_any


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--state", required=True, help="folder for keys and the public JWKS")
    parser.add_argument("--users", required=True)
    parser.add_argument("--client-id", default="rjhub-workplace")
    parser.add_argument("--client-secret-file", required=True)
    parser.add_argument("--redirect-uri", action="append", required=True)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.captureWarnings(True)
    logging.getLogger("py.warnings").setLevel(logging.ERROR)
    op, jwks = build_server(args)
    Handler.op, Handler.jwks = op, jwks
    httpd = ThreadingHTTPServer((args.host, args.port), Handler)
    httpd.daemon_threads = True

    def stop(*_):
        threading.Thread(target=httpd.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    LOG.warning("issuer %s listening on %s:%d, client %s, redirect URIs %s", op.issuer,
                args.host, args.port, args.client_id, " ".join(args.redirect_uri))
    httpd.serve_forever()
    httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
