#!/usr/bin/env python3
"""Takes one referral from review to closure through the workplace's pages only, in headless
Chromium (Debian's `chromium`) over the DevTools Protocol, keyboard only, signing in through
the real OpenID provider's own form (infra/oidc.sh).

    workplace_journey.py --base http://127.0.0.1:8096 --submission ID --artifacts DIR
        --axe-python VENV_PYTHON [--no-javascript]

Steps (a PNG of each page under DIR, axe-core run on each):
 1. open My work, get sent to sign-in, sign in as caseworker.alpha on the provider's page;
 2. New referrals: open the rejected submission, correct the victim's email, send;
 3. the case opened: try to close it without a reason (the API's error shows beside the
    field), record a declined contact attempt with the victim, complete every open task,
    close the case as "victim declined or disengaged";
 4. sign out.

Prints {"caseId": ..., "steps": [...], "accessibility": [{"page", "url", "violations"}]};
exits non-zero naming the first check that fails.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cdp import Browser, Failure, axe_check, check, find_axe_script  # noqa: E402

USER, PASSWORD = "caseworker.alpha", "test-caseworker-alpha-pw"


class Journey:
    def __init__(self, browser, base, artifacts, axe, mode):
        self.browser, self.base, self.artifacts, self.axe, self.mode = (
            browser, base, artifacts, axe, mode)
        self.steps, self.accessibility = [], []

    def shot(self, name):
        """A picture of the page and its accessibility check."""
        path = os.path.join(self.artifacts, f"workplace-{self.mode}-{len(self.steps) + 1:02d}-{name}.png")
        self.browser.screenshot(path)
        self.steps.append(path)
        self.accessibility.append({"page": name, "url": self.browser.url(),
                                   "violations": axe_check(self.browser, self.axe)})

    def press(self, selector):
        """Presses a link or button with Enter and waits for the next page."""
        self.browser.press_enter(selector)
        self.browser.wait_for_load()

    def open_details(self, action):
        """Opens an action's <details> from the keyboard (Enter on its summary)."""
        if "open" not in self.browser.attributes_of(f"#{action}"):
            self.browser.press_enter(f"#{action} summary")
            check("open" in self.browser.attributes_of(f"#{action}"),
                  f"the {action} form did not open")

    def choose_first(self, selector):
        """Picks the first real option of a select (ArrowDown from "Choose one")."""
        self.browser.focus(selector)
        self.browser.key("ArrowDown", "ArrowDown", 40)
        chosen = self.browser.selected_option_html(self.browser.query(selector))
        check(chosen and 'value=""' not in chosen, f"no option could be chosen in {selector}")

    def on_page(self, path_start, what):
        url = self.browser.url()
        check(url.startswith(self.base + path_start), f"{what}: expected {path_start}…, at {url}")

    def sign_in(self, user=USER, password=PASSWORD, name="Test Caseworker Alpha",
                landing="/my-work"):
        self.browser.navigate(f"{self.base}/my-work")
        self.on_page("/sign-in", "an unsigned visitor is sent to sign in")
        if user == USER:
            self.shot("sign-in")
        self.press("#sign-in")
        check(self.browser.query("#login-form"), "the provider's sign-in form did not open")
        if user == USER:
            self.shot("provider-sign-in")
        self.browser.type_into("#username", user)
        self.browser.type_into("#password", password)
        self.press("#login-form #sign-in")
        self.on_page(landing, f"signing in leads back to {landing}")
        check(name in self.browser.text("#signed-in-name"), f"{user} is not signed in")
        self.shot(f"my-work-{user.split('.')[0]}")

    def tour(self, user, password, name, refused, landing="/my-work"):
        """Signs in as `user` and opens every section in the navigation, their account and a
        page their role is refused, checking each; then signs out."""
        self.sign_in(user, password, name, landing)
        links = [self.browser.attributes(node).get("href")
                 for node in self.browser.query_all(".govuk-service-navigation__list a")]
        check(links, f"{user} has no navigation")
        for href in links + ["/account"]:
            self.browser.navigate(self.base + href)
            self.shot(f"{user.split('.')[0]}-{href.strip('/').replace('/', '-') or 'home'}")
        self.browser.navigate(self.base + refused)
        check(self.browser.query("#refusal-title"), f"{refused} is not refused to {user}")
        self.shot(f"{user.split('.')[0]}-refused")
        self.press("#sign-out")
        self.on_page("/signed-out", "signing out")

    def correct_referral(self, submission):
        self.press('a[href="/referrals"]')
        self.shot("new-referrals")
        self.press(f'a[href="/referrals/{submission}"]')
        self.shot("referral-rejected")
        field = '[name="/victim/email"]'
        check(self.browser.query(field), "the correction form has no field for /victim/email")
        check(self.browser.query(".govuk-error-message"), "the referral's error is not shown")
        self.browser.type_into(field, "corrected.victim@example.org")
        self.press("#correction-submit")
        self.on_page("/cases/", "the corrected referral opens its case")
        check("Referral accepted" in self.browser.text("#banner-text"), "no banner for the case")
        return self.browser.url().split("/cases/", 1)[1].split("?", 1)[0]

    def work_the_case(self):
        self.shot("case-opened")
        # Closing without a reason: the API refuses and its message shows beside the field.
        self.open_details("stage")
        self.browser.choose("#stage-stage", "Closed")
        self.press("#stage-submit")
        check(self.browser.query(".govuk-error-summary"), "no error summary for a refused move")
        check(self.browser.query("#stage .govuk-error-message"),
              "the API's error is not beside the stage form's fields")
        check(self.browser.text("title").startswith("Error:"), "the title does not say Error:")
        self.shot("case-refused-move")
        # Contact: the victim declines.
        self.open_details("contact-attempt")
        self.browser.choose("#contact-attempt-participant", "Victim")
        self.browser.choose("#contact-attempt-channel", "Email")
        self.browser.choose("#contact-attempt-outcome", "Declined")
        self.browser.type_into("#contact-attempt-notes", "Synthetic note: declined by email")
        self.press("#contact-attempt-submit")
        check("Contact attempt recorded" in self.browser.text("#banner-text"), "no success banner")
        self.shot("case-contact-recorded")
        # Every open task completed.
        for _ in range(20):
            options = self.browser.query_all("#task-closure-taskId option")
            if len(options) <= 1:
                break
            self.open_details("task-closure")
            self.choose_first("#task-closure-taskId")
            self.browser.choose("#task-closure-status", "Completed")
            self.press("#task-closure-submit")
            check("Task closed" in self.browser.text("#banner-text"), "a task did not close")
        self.shot("case-tasks-closed")
        # Closed, with its reason.
        self.open_details("stage")
        self.browser.choose("#stage-stage", "Closed")
        self.browser.choose("#stage-closureReason", "Victim declined")
        self.press("#stage-submit")
        check("Case moved" in self.browser.text("#banner-text"), "the case did not close")
        check(self.browser.text("#case-stage") == "Closed", "the case's stage is not Closed")
        self.shot("case-closed")

    def sign_out(self):
        self.press("#sign-out")
        self.on_page("/signed-out", "signing out")
        self.shot("signed-out")
        self.browser.navigate(f"{self.base}/my-work")
        self.on_page("/sign-in", "after signing out, pages need sign-in again")


def run(base, submission, artifacts, axe, javascript):
    os.makedirs(artifacts, exist_ok=True)
    mode = "with-javascript" if javascript else "without-javascript"
    for old in os.listdir(artifacts):  # this run's pictures only
        if old.startswith(f"workplace-{mode}-"):
            os.remove(os.path.join(artifacts, old))
    browser = Browser(width=1200, height=900)
    try:
        browser.call("Page.enable")
        browser.call("DOM.enable")
        if not javascript:
            browser.set_script_execution_disabled(True)
        journey = Journey(browser, base, artifacts, axe,
                          "with-javascript" if javascript else "without-javascript")
        try:
            journey.sign_in()
            case_id = journey.correct_referral(submission)
            journey.work_the_case()
            journey.sign_out()
        except Failure as failure:
            # The page as it was, for whoever reads the failure.
            path = os.path.join(artifacts, f"workplace-{journey.mode}-failure.png")
            browser.screenshot(path)
            main_text = browser.text("main") if browser.query("main") else ""
            raise Failure(f"{failure} (page {browser.url()}: {main_text[:600]}; picture {path})")
        if javascript:
            journey.tour("supervisor.alpha", "test-supervisor-alpha-pw", "Test Supervisor Alpha",
                         "/cases/no-such-case")
            journey.tour("administrator.alpha", "test-administrator-alpha-pw",
                         "Test Administrator Alpha", "/supervisor")
            journey.tour("commissioner.alpha", "test-commissioner-alpha-pw",
                         "Test Commissioner Alpha", f"/cases/{case_id}", landing="/figures")
        return {"caseId": case_id, "steps": journey.steps,
                "accessibility": journey.accessibility}
    finally:
        browser.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--submission", required=True)
    parser.add_argument("--artifacts", required=True)
    parser.add_argument("--axe-python", required=True)
    parser.add_argument("--no-javascript", action="store_true")
    arguments = parser.parse_args()
    try:
        axe = find_axe_script(arguments.axe_python)
        check(axe, f"no axe.min.js in the venv of {arguments.axe_python}: run infra/python-tools.sh")
        result = run(arguments.base, arguments.submission, arguments.artifacts, axe,
                     not arguments.no_javascript)
    except Failure as failure:
        print(f"workplace journey failed: {failure}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
