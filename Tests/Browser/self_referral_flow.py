#!/usr/bin/env python3
"""Drives the self-referral form in headless Chromium (Debian's `chromium`) over the Chrome
DevTools Protocol, keyboard only: no mouse event is sent, fields are focused and typed into,
radios and the checkbox are toggled with the space bar, buttons are pressed with Enter.

    self_referral_flow.py --base http://127.0.0.1:PORT --artifacts DIR [--no-javascript]
        [--person NAME]

Steps: open the start page, choose "I was harmed by a crime", continue; fill the details with
mistakes and send; check the error summary (title prefixed "Error:", one link per wrong field,
each link's target exists and shows its message beside it); correct and send; reach the
confirmation page. A PNG of each step is written to DIR. With --no-javascript the page runs
with script execution disabled (Emulation.setScriptExecutionDisabled), so the flow is shown to
need no JavaScript. The DOM is read through the DOM domain, never by running script in the page.

Prints one JSON object: {"reference": "SR-…", "errors": [...], "steps": [...]}; exits non-zero
with a message on the first check that fails.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # Debian's python3-websocket


class Failure(Exception):
    pass


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="rjhub-chromium-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser")
        if not binary:
            raise Failure("chromium is not installed (infra/install.sh installs Debian's chromium)")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", "--disable-extensions", "--remote-debugging-port=0",
             "--remote-allow-origins=*", f"--user-data-dir={self.profile}",
             "--window-size=1000,900", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.process.stderr.readline()
            if not line:
                if self.process.poll() is not None:
                    raise Failure(f"chromium exited with status {self.process.returncode}")
                continue
            match = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if match:
                port = int(match.group(1))
                break
        if port is None:
            raise Failure("chromium did not start its DevTools endpoint within 60 s")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        ident = self.next_id
        self.socket.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise Failure(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for_load(self):
        """Waits for the next Page.loadEventFired."""
        deadline = time.time() + 60
        while time.time() < deadline:
            for index, event in enumerate(self.events):
                if event.get("method") == "Page.loadEventFired":
                    del self.events[: index + 1]
                    return
            self.events.append(json.loads(self.socket.recv()))
        raise Failure("the page did not load within 60 s")

    def close(self):
        try:
            self.socket.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
            shutil.rmtree(self.profile, ignore_errors=True)

    # The document, through the DOM domain only.
    def root(self):
        return self.call("DOM.getDocument", depth=0)["root"]["nodeId"]

    def query(self, selector):
        return self.call("DOM.querySelector", nodeId=self.root(), selector=selector)["nodeId"]

    def query_all(self, selector):
        return self.call("DOM.querySelectorAll", nodeId=self.root(), selector=selector)["nodeIds"]

    def html(self, node):
        return self.call("DOM.getOuterHTML", nodeId=node)["outerHTML"]

    def text(self, selector):
        node = self.query(selector)
        if not node:
            raise Failure(f"no element matches {selector}")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", self.html(node))).strip()

    def attributes(self, node):
        flat = self.call("DOM.getAttributes", nodeId=node)["attributes"]
        return dict(zip(flat[::2], flat[1::2]))

    def url(self):
        return self.call("Page.getNavigationHistory")["entries"][-1]["url"]

    # The keyboard.
    def focus(self, selector):
        node = self.query(selector)
        if not node:
            raise Failure(f"no element matches {selector}")
        self.call("DOM.focus", nodeId=node)

    def key(self, key, code, keycode, text=None):
        down = {"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": keycode}
        if text:
            down["text"] = text
        self.call("Input.dispatchKeyEvent", **down)
        self.call("Input.dispatchKeyEvent", type="keyUp", key=key, code=code,
                  windowsVirtualKeyCode=keycode)

    def type_into(self, selector, text):
        self.focus(selector)
        # Select what is there and replace it, as a person would.
        self.call("Input.dispatchKeyEvent", type="keyDown", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2)
        self.call("Input.dispatchKeyEvent", type="keyUp", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2)
        self.key("Delete", "Delete", 46)
        if text:
            self.call("Input.insertText", text=text)

    def press_space(self, selector):
        self.focus(selector)
        self.key(" ", "Space", 32, text=" ")

    def choose(self, selector, label):
        """Chooses an option of a select by typing its label's start (type-ahead)."""
        self.focus(selector)
        for character in label:
            self.call("Input.dispatchKeyEvent", type="char", text=character)
        node = self.query(selector)
        if f">{label}" not in self.selected_option_html(node):
            raise Failure(f"typing {label!r} into {selector} did not choose it")

    def selected_option_html(self, select_node):
        # The selected option is reflected by the :checked pseudo-class.
        options = self.call("DOM.querySelectorAll", nodeId=select_node,
                            selector="option:checked")["nodeIds"]
        return self.html(options[0]) if options else ""

    def press_enter(self, selector):
        self.focus(selector)
        self.key("Enter", "Enter", 13, text="\r")

    def screenshot(self, path):
        metrics = self.call("Page.getLayoutMetrics")["cssContentSize"]
        self.call("Emulation.setDeviceMetricsOverride", width=1000,
                  height=int(min(max(metrics["height"], 900), 8000)), deviceScaleFactor=1,
                  mobile=False)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        self.call("Emulation.clearDeviceMetricsOverride")
        import base64
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(base, artifacts, javascript, person):
    os.makedirs(artifacts, exist_ok=True)
    mode = "with-javascript" if javascript else "without-javascript"
    steps = []
    browser = Browser()
    try:
        browser.call("Page.enable")
        browser.call("DOM.enable")
        if not javascript:
            browser.call("Emulation.setScriptExecutionDisabled", value=True)

        def shot(name):
            path = os.path.join(artifacts, f"self-referral-{mode}-{name}.png")
            browser.screenshot(path)
            steps.append(path)

        browser.call("Page.navigate", url=f"{base}/self-referral")
        browser.wait_for_load()
        check("Ask for restorative justice" in browser.text("h1"), "start page heading")
        shot("1-start")

        browser.press_space("#role")  # "I was harmed by a crime"
        browser.press_enter("#continue")
        browser.wait_for_load()
        check("/self-referral/details?role=victim" in browser.url(), f"details URL {browser.url()}")
        check(browser.query("label[for=fullName]"), "the full name input has a label")
        shot("2-details")

        next_year = datetime.date.today().year + 1
        browser.type_into("#dob-day", "31")
        browser.type_into("#dob-month", "2")
        browser.type_into("#dob-year", "1985")
        browser.type_into("#email", "not an email address")
        browser.press_space("#safeToContact")  # yes
        browser.choose("#area", "Norfolk")
        browser.choose("#offenceCategory", "Burglary")
        browser.type_into("#occurred-day", "3")
        browser.type_into("#occurred-month", "4")
        browser.type_into("#occurred-year", str(next_year))
        browser.press_enter("#send")
        browser.wait_for_load()

        title = browser.text("title")
        check(title.startswith("Error:"), f"the title says there is an error: {title}")
        summary = browser.query(".govuk-error-summary")
        check(summary, "the error summary is shown")
        check(browser.attributes(summary).get("role") == "alert", "the summary is an alert")
        links = [browser.attributes(n)["href"] for n in
                 browser.query_all(".govuk-error-summary__list a")]
        expected = ["#fullName", "#dob-day", "#email", "#occurred-day", "#reportedToPolice",
                    "#consent"]
        check(links == expected, f"error summary links {links}, expected {expected}")
        messages = []
        for href in links:
            field = href[1:]
            check(browser.query(f"#{field}"), f"the summary links to #{field}, which exists")
            name = field[: -len("-day")] if field.endswith("-day") else field
            beside = browser.text(f"#{name}-error")
            check(beside.startswith("Error:"), f"#{name}-error says Error: {beside}")
            summary_text = browser.text(f".govuk-error-summary__list a[href='{href}']")
            check(summary_text in beside, f"{summary_text!r} is repeated beside the field")
            described = browser.attributes(browser.query(f"#{field}")).get(
                "aria-describedby", "")
            group = browser.query(f"fieldset[aria-describedby*='{name}-error']")
            check(f"{name}-error" in described or group,
                  f"#{field} is described by its error message")
            messages.append(summary_text)
        check(browser.attributes(browser.query("#email")).get("value") == "not an email address",
              "answers are kept when the page is shown again")
        shot("3-errors")

        browser.type_into("#fullName", person)
        browser.type_into("#dob-day", "27")
        browser.type_into("#dob-month", "3")
        browser.type_into("#email", "browser.person@example.org")
        browser.type_into("#occurred-year", str(next_year - 2))
        browser.press_space("#reportedToPolice")  # yes
        browser.press_space("#consent")
        browser.press_enter("#send")
        browser.wait_for_load()

        check("/self-referral/confirmation?reference=" in browser.url(),
              f"reached the confirmation page, not {browser.url()}")
        check("Referral sent" in browser.text("h1"), "confirmation heading")
        reference = browser.text("#reference")
        check(re.fullmatch(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", reference),
              f"a reference number is shown: {reference}")
        shot("4-confirmation")
        return {"reference": reference, "errors": messages, "steps": steps}
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--no-javascript", action="store_true")
    parser.add_argument("--person", default="Synthetic Browser Person",
                        help="the (synthetic) name to give; each run its own, so runs do not link")
    arguments = parser.parse_args()
    try:
        result = run(arguments.base, arguments.artifacts, not arguments.no_javascript,
                     arguments.person)
    except Failure as failure:
        print(f"self-referral browser flow failed: {failure}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
