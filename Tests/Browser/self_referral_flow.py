#!/usr/bin/env python3
"""Drives the self-referral form in headless Chromium (Debian's `chromium`) over the Chrome
DevTools Protocol, keyboard only: no mouse event is sent, fields are focused and typed into,
radios and the checkbox are toggled with the space bar, buttons are pressed with Enter.

    self_referral_flow.py --base http://127.0.0.1:PORT --artifacts DIR [--no-javascript]
        [--person NAME] [--axe AXE_MIN_JS | --axe-python VENV_PYTHON]

Steps: open the start page, choose "I was harmed by a crime", continue; fill the details with
mistakes and send; check the error summary (title prefixed "Error:", one link per wrong field,
each link's target exists and shows its message beside it); correct and send; reach the
confirmation page. A PNG of each step is written to DIR. With --no-javascript the page runs
with script execution disabled (Emulation.setScriptExecutionDisabled), so the flow is shown to
need no JavaScript. The DOM is read through the DOM domain, never by running script in the page.

Each page is also checked with axe-core (cdp.axe_check, in an isolated world of its own): with
the axe.min.js given by --axe, or found in the venv whose python --axe-python names (as
infra/python-tools.sh installs it); either way, a script that cannot be found is a failure.
With neither, the venv named by RJHUB_TEST_PYTHON_TOOLS (else .local/python-tools) is tried,
and the check is left out, with a warning, when axe is not there.

Prints one JSON object: {"reference": "SR-…", "errors": [...], "steps": [...],
"accessibility": [{"page": "1-start", "url": ..., "violations": [...]}, ...]} (no
"accessibility" when axe was not found); exits non-zero with a message on the first check that
fails. Violations are reported, not judged: the caller decides which impacts fail.
"""
import argparse
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, Failure, axe_check, check, find_axe_script  # noqa: E402

REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(base, artifacts, javascript, person, axe=None):
    os.makedirs(artifacts, exist_ok=True)
    mode = "with-javascript" if javascript else "without-javascript"
    steps = []
    accessibility = []
    browser = Browser()
    try:
        browser.call("Page.enable")
        browser.call("DOM.enable")
        if not javascript:
            browser.set_script_execution_disabled(True)

        def shot(name):
            path = os.path.join(artifacts, f"self-referral-{mode}-{name}.png")
            browser.screenshot(path)
            steps.append(path)
            if axe:
                accessibility.append({"page": name, "url": browser.url(),
                                      "violations": axe_check(browser, axe)})

        browser.navigate(f"{base}/self-referral")
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
        result = {"reference": reference, "errors": messages, "steps": steps}
        if axe:
            result["accessibility"] = accessibility
        return result
    finally:
        browser.close()


def axe_script(arguments):
    """The axe.min.js to check pages with, None to leave the check out."""
    if arguments.axe:
        check(os.path.isfile(arguments.axe), f"--axe {arguments.axe}: no such file")
        return arguments.axe
    if arguments.axe_python:
        found = find_axe_script(arguments.axe_python)
        check(found, f"no axe.min.js in the venv of {arguments.axe_python}: run "
                     "`bash infra/python-tools.sh` (it installs axe-selenium-python)")
        return found
    venv = os.environ.get("RJHUB_TEST_PYTHON_TOOLS") or os.path.join(
        REPOSITORY, ".local", "python-tools", "bin", "python3")
    found = find_axe_script(venv)
    if not found:
        print(f"self-referral browser flow: no axe.min.js in the venv of {venv}; pages are "
              "not checked for accessibility", file=sys.stderr)
    return found


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--no-javascript", action="store_true")
    parser.add_argument("--person", default="Synthetic Browser Person",
                        help="the (synthetic) name to give; each run its own, so runs do not link")
    scripts = parser.add_mutually_exclusive_group()
    scripts.add_argument("--axe", help="axe-core's axe.min.js: check every page with it")
    scripts.add_argument("--axe-python",
                         help="the python of the venv holding axe-selenium-python "
                              "(infra/python-tools.sh): check every page with its axe.min.js")
    arguments = parser.parse_args()
    try:
        result = run(arguments.base, arguments.artifacts, not arguments.no_javascript,
                     arguments.person, axe_script(arguments))
    except Failure as failure:
        print(f"self-referral browser flow failed: {failure}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
