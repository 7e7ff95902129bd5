"""A small Chrome DevTools Protocol driver for browser tests, over Debian's headless `chromium`
and `python3-websocket`, plus an axe-core accessibility check.

    from cdp import Browser, Failure, axe_check, find_axe_script, serious_or_critical

    with Browser() as browser:
        browser.call("Page.enable"); browser.call("DOM.enable")
        browser.navigate("http://127.0.0.1:8080/self-referral")
        browser.type_into("#fullName", "Synthetic Person")
        browser.press_enter("#send"); browser.wait_for_load()
        violations = axe_check(browser, find_axe_script(".local/python-tools/bin/python3"))

The page is driven keyboard only (focus, type, keys: no mouse event) and read through the DOM
domain, never by running script in the page: only `axe_check` evaluates script, and it does so
in an isolated world of its own (Page.createIsolatedWorld), which shares the page's DOM but not
its globals. When the page's script execution is disabled (Emulation.setScriptExecutionDisabled)
it is enabled again for the check only, as axe needs timers.

axe-core's script comes from PyPI's axe-selenium-python (pinned in infra/python-tools.sh, in
the venv $RJHUB_STATE_DIR/python-tools), which ships it as
axe_selenium_python/node_modules/axe-core/axe.min.js.
"""
import base64
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

import websocket  # Debian's python3-websocket


class Failure(Exception):
    """A check failed, or the browser could not be driven."""


def check(condition, message):
    """Raises Failure(message) unless condition holds."""
    if not condition:
        raise Failure(message)


class Browser:
    """One headless chromium with a fresh profile, attached to its first page target."""

    def __init__(self, width=1000, height=900, startup_timeout=60, command_timeout=60):
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="rjhub-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            shutil.rmtree(self.profile, ignore_errors=True)
            raise Failure("chromium is not installed (infra/install.sh installs Debian's chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", "--disable-extensions", "--remote-debugging-port=0",
             "--remote-allow-origins=*", f"--user-data-dir={self.profile}",
             f"--window-size={width},{height}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.socket = None
        try:
            port = self._devtools_port(startup_timeout)
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            page = next(t for t in targets if t["type"] == "page")
            self.socket = websocket.create_connection(
                page["webSocketDebuggerUrl"], timeout=command_timeout, suppress_origin=True)
        except BaseException:
            self.close()
            raise
        self.next_id = 0
        self.events = []
        self.script_execution_disabled = False

    def _devtools_port(self, timeout):
        deadline = time.time() + timeout
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                if self.process.poll() is not None:
                    raise Failure(f"chromium exited with status {self.process.returncode}")
                continue
            match = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if match:
                return int(match.group(1))
        raise Failure(f"chromium did not start its DevTools endpoint within {timeout} s")

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def close(self):
        """Closes the connection, ends chromium and removes its profile."""
        try:
            if self.socket is not None:
                self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)

    # The protocol.
    def call(self, method, **params):
        """Sends one command and returns its result; events met meanwhile are kept in
        self.events. Raises Failure on a protocol error."""
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = self._receive(f"no answer to {method}")
            if message.get("id") == ident:
                if "error" in message:
                    raise Failure(f"{method}: {message['error']}")
                if method == "Emulation.setScriptExecutionDisabled":
                    self.script_execution_disabled = bool(params.get("value"))
                return message.get("result", {})
            self.events.append(message)

    def _receive(self, what):
        try:
            return json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            raise Failure(f"{what} within {self.socket.gettimeout()} s") from None

    def wait_for_event(self, method, timeout=60):
        """Waits for the next event named method (consuming it and every event before it) and
        returns its params."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    del self.events[: index + 1]
                    return event.get("params", {})
            self.events.append(self._receive(f"no {method}"))
        raise Failure(f"no {method} within {timeout} s")

    def wait_for_load(self, timeout=60):
        """Waits for the next Page.loadEventFired (Page.enable must have been called)."""
        try:
            self.wait_for_event("Page.loadEventFired", timeout)
        except Failure:
            raise Failure(f"the page did not load within {timeout} s") from None

    def navigate(self, url, timeout=60):
        """Opens url and waits for it to load (Page.enable must have been called)."""
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise Failure(f"could not open {url}: {result['errorText']}")
        self.wait_for_load(timeout)

    def url(self):
        """The current page's URL."""
        return self.call("Page.getNavigationHistory")["entries"][-1]["url"]

    def set_script_execution_disabled(self, disabled=True):
        """Disables (or enables again) the page's own JavaScript, from the next page on."""
        self.call("Emulation.setScriptExecutionDisabled", value=bool(disabled))

    def cookies(self, urls=None):
        """The browser's cookies (for urls, else for the current page), as Network.getCookies
        gives them: dicts with name, value, domain, path, httpOnly, secure, sameSite, ..."""
        params = {"urls": list(urls)} if urls else {}
        return self.call("Network.getCookies", **params)["cookies"]

    # The document, through the DOM domain only.
    def root(self):
        """The document's node id."""
        return self.call("DOM.getDocument", depth=0)["root"]["nodeId"]

    def query(self, selector):
        """The node id of the first element matching selector, 0 when none does."""
        return self.call("DOM.querySelector", nodeId=self.root(), selector=selector)["nodeId"]

    def query_all(self, selector):
        """The node ids of every element matching selector."""
        return self.call("DOM.querySelectorAll", nodeId=self.root(), selector=selector)["nodeIds"]

    def html(self, node):
        """A node's outer HTML."""
        return self.call("DOM.getOuterHTML", nodeId=node)["outerHTML"]

    def text(self, selector):
        """The text of the first element matching selector, white space collapsed."""
        node = self.query(selector)
        if not node:
            raise Failure(f"no element matches {selector}")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.html(node))).strip()

    def attributes(self, node):
        """A node's attributes as a dict."""
        flat = self.call("DOM.getAttributes", nodeId=node)["attributes"]
        return dict(zip(flat[::2], flat[1::2]))

    def attributes_of(self, selector):
        """The attributes of the first element matching selector."""
        node = self.query(selector)
        if not node:
            raise Failure(f"no element matches {selector}")
        return self.attributes(node)

    def selected_option_html(self, select_node):
        """The outer HTML of a select's chosen option ("" when none)."""
        # The selected option is reflected by the :checked pseudo-class.
        options = self.call("DOM.querySelectorAll", nodeId=select_node,
                            selector="option:checked")["nodeIds"]
        return self.html(options[0]) if options else ""

    # The keyboard.
    def focus(self, selector):
        """Focuses the first element matching selector."""
        node = self.query(selector)
        if not node:
            raise Failure(f"no element matches {selector}")
        self.call("DOM.focus", nodeId=node)

    def key(self, key, code, keycode, text=None, modifiers=0):
        """Presses and releases one key in the focused element."""
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if text:
            down["text"] = text
        if modifiers:
            down["modifiers"] = modifiers
        self.call("Input.dispatchKeyEvent", **down)
        up = {"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if modifiers:
            up["modifiers"] = modifiers
        self.call("Input.dispatchKeyEvent", **up)

    def type_into(self, selector, text):
        """Focuses a field, selects what is there (Ctrl+A), deletes it and types text."""
        self.focus(selector)
        # Select what is there and replace it, as a person would.
        self.key("a", "KeyA", 65, modifiers=2)
        self.key("Delete", "Delete", 46)
        if text:
            self.call("Input.insertText", text=text)

    def press_space(self, selector):
        """Focuses an element and presses the space bar (toggles a radio or checkbox)."""
        self.focus(selector)
        self.key(" ", "Space", 32, text=" ")

    def press_enter(self, selector):
        """Focuses an element and presses Enter (presses a button, sends a form)."""
        self.focus(selector)
        self.key("Enter", "Enter", 13, text="\r")

    def choose(self, selector, label):
        """Chooses an option of a select by typing its label's start (type-ahead)."""
        self.focus(selector)
        for character in label:
            self.call("Input.dispatchKeyEvent", type="char", text=character)
        node = self.query(selector)
        if f">{label}" not in self.selected_option_html(node):
            raise Failure(f"typing {label!r} into {selector} did not choose it")

    # Pictures.
    def screenshot(self, path):
        """Writes a PNG of the whole page (at the browser's width, 900 to 8000 px tall)."""
        metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
        self.call("Emulation.setDeviceMetricsOverride", width=self.width,
                  height=int(min(max(metrics["height"], self.height), 8000)),
                  deviceScaleFactor=1, mobile=False)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        self.call("Emulation.clearDeviceMetricsOverride")
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))

    # Script in a world of the test's own (the page's globals are not touched).
    def isolated_world(self, name="rjhub-test"):
        """A fresh isolated world in the main frame (it shares the DOM, not the globals; with
        the page's script disabled it still runs script, but fires no timer); returns its
        execution context id. It lasts until the page changes."""
        frame = self.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
        return self.call("Page.createIsolatedWorld", frameId=frame, worldName=name,
                         grantUniveralAccess=False)["executionContextId"]

    def evaluate(self, expression, context=None, await_promise=False):
        """Runs expression (in the execution context given, else the page's main world) and
        returns its value by value; raises Failure on an exception."""
        params = {"expression": expression, "returnByValue": True,
                  "awaitPromise": await_promise}
        if context is not None:
            params["contextId"] = context
        result = self.call("Runtime.evaluate", **params)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            description = details.get("exception", {}).get("description") or details.get("text")
            raise Failure(f"script failed: {description}")
        return result["result"].get("value")


# axe-core.
AXE_RELATIVE_PATH = os.path.join("node_modules", "axe-core", "axe.min.js")

_FIND_AXE = (
    "import importlib.util, os\n"
    "spec = importlib.util.find_spec('axe_selenium_python')\n"
    "print(os.path.join(spec.submodule_search_locations[0], %r) if spec else '')\n"
    % AXE_RELATIVE_PATH)


def find_axe_script(python_tools_python):
    """The path of axe.min.js in the venv whose python is python_tools_python (as
    infra/python-tools.sh installs it), or None when that python or the package is missing."""
    if not python_tools_python or not os.access(python_tools_python, os.X_OK):
        return None
    try:
        printed = subprocess.run([python_tools_python, "-c", _FIND_AXE], capture_output=True,
                                 text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return printed if printed and os.path.isfile(printed) else None


_AXE_RUN = """
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  return results.violations.map(function (violation) {
    return {
      id: violation.id, impact: violation.impact, help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map(function (node) {
        return {target: node.target, html: node.html, impact: node.impact};
      })
    };
  });
})
"""


def axe_check(browser, axe_script_path):
    """Runs axe-core on the current page and returns its violations, each a dict with id,
    impact ("minor", "moderate", "serious", "critical"), help, helpUrl and nodes (each with
    target: the CSS selectors of the offending element, html and impact).

    axe is injected into an isolated world of its own, leaving the page's globals alone; when
    the page's script execution is disabled it is enabled again for the check only (in the
    isolated world script runs, but no timer fires without it, and axe waits on timers)."""
    with open(axe_script_path, encoding="utf-8") as file:
        source = file.read()
    # With the page's script disabled, script still runs in an isolated world but no timer
    # fires, and axe.run's promise (which waits on timers) would never settle: script is
    # enabled again for the check only. The page's own scripts, skipped when it loaded, do
    # not run for that.
    disabled = browser.script_execution_disabled
    if disabled:
        browser.set_script_execution_disabled(False)
    try:
        context = browser.isolated_world("rjhub-axe")
        browser.evaluate(source, context=context)
        check(browser.evaluate("typeof axe === 'object' && typeof axe.run === 'function'",
                               context=context), f"{axe_script_path} did not define axe.run")
        violations = browser.evaluate(_AXE_RUN, context=context, await_promise=True)
    finally:
        if disabled:
            browser.set_script_execution_disabled(True)
    check(isinstance(violations, list), f"axe.run returned {violations!r}")
    return violations


def serious_or_critical(violations):
    """The violations whose impact is serious or critical."""
    return [v for v in violations if v.get("impact") in ("serious", "critical")]


def describe(violations):
    """One line per violation: impact, id, help and the targets of its nodes."""
    return "; ".join(
        f"{v.get('impact')} {v.get('id')} ({v.get('help')}) at "
        + ", ".join(" ".join(n.get("target", [])) for n in v.get("nodes", []))
        for v in violations)
