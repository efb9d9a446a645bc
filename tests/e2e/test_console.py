#!/usr/bin/python3
"""The web console in a real browser: Debian's chromium, headless, driven over WebDriver
(chromium-driver, python3-selenium) against a real fika-server on loopback.

An admin signs in (a wrong token first), walks every page, adds a consultant, grants
them a customer found by name; the consultant's fika-cli then syncs that customer. The
console in Swedish and Danish, on a phone-sized window; a write without the CSRF token,
or from another origin, is refused. Any error in the browser's console (a script error,
a Content-Security-Policy violation) fails the test. Screenshots of every page go to
--shots.

usage: test_console.py --server FIKA_SERVER --cli FIKA_CLI --shots DIR
"""
import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait

args = argparse.ArgumentParser()
args.add_argument("--server", required=True)
args.add_argument("--cli", required=True)
args.add_argument("--shots", required=True)
opts = args.parse_args()

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


tmp = tempfile.mkdtemp(prefix="fika-test-console-")
env = dict(os.environ, FIKA_CONFIG="none")
data = os.path.join(tmp, "data")


def admin(*argv):
    out = subprocess.run([opts.server, "--data", data, *argv], env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip().splitlines()[-1]


def cli(db, *argv):
    out = subprocess.run([opts.cli, "--db", os.path.join(tmp, db), *argv], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"fika-cli {' '.join(argv)}: {out.returncode} {out.stdout} {out.stderr}")
    return out.stdout.strip()


root_token = admin("user", "add", "root", "--role", "admin")
sven_token = admin("user", "add", "sven", "--role", "seller")  # told of new cases
server_log = open(os.path.join(tmp, "server.log"), "w")
# A webhook and a mail server nobody listens on: deliveries and mail wait with their errors. Port 0: the server
# takes a free one and names it on its first line (no port picked here that another
# test's connection could take before the server binds it).
server = subprocess.Popen([opts.server, "--data", data, "serve", "--listen", "127.0.0.1:0", "--rate", "0",
                           "--webhook", "http://127.0.0.1:1/fika", "--smtp", "smtp://127.0.0.1:1", "--smtp-tls", "none",
                           "--smtp-from", "fika@firm.example"],
                          env=env, stdout=subprocess.PIPE, stderr=server_log, text=True)
first = server.stdout.readline()
if "127.0.0.1:" not in first:
    server.wait(timeout=10)
    sys.exit(f"fika-server did not start ({server.returncode}): {first} {open(os.path.join(tmp, 'server.log')).read()}")
port = int(first.split("127.0.0.1:")[1].split()[0])
# Anything else it prints goes on to its log (a pipe nobody reads would block it).
threading.Thread(target=lambda: [server_log.write(line) for line in server.stdout], daemon=True).start()
base = f"http://127.0.0.1:{port}"
driver = None


def server_state():
    # Said first when anything fails: whether the server is still running, and its log.
    code = server.poll()
    state = "fika-server still running" if code is None else f"fika-server EXITED with status {code}"
    server_log.flush()
    tail = open(os.path.join(tmp, "server.log")).read()[-2500:]
    return state + "; the end of its log:\n" + tail


try:
    # Sven wants a mail for each new case.
    req = urllib.request.Request(base + "/v1/me/mail", method="PUT", data=json.dumps({"address": "sven@firm.example", "mode": "instant"}).encode(),
                                 headers={"Authorization": "Bearer " + sven_token, "Content-Type": "application/json"})
    urllib.request.urlopen(req).close()
    # The firm's data: the admin's own fika-cli adds two customers.
    cli("admin.db", "connect", base, root_token)
    acme = cli("admin.db", "add", "account", "--name", "Acme Verkstad AB").splitlines()[-1]
    cli("admin.db", "add", "account", "--name", "Berg & Söner")
    cli("admin.db", "add", "case", "--account", acme, "--title", "Ny lagerlokal")
    cli("admin.db", "add", "contact", "--account", acme, "--name", "Eva Lund", "--email", "eva@acme.example")
    cli("admin.db", "sync")

    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800",
              "--disable-gpu", "--lang=en-US", f"--user-data-dir={tmp}/chromium"):
        o.add_argument(a)
    o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    # Pages are rebuilt after every change: an element found a moment ago may be gone.
    wait = WebDriverWait(driver, 30, ignored_exceptions=[StaleElementReferenceException])
    os.makedirs(opts.shots, exist_ok=True)

    def shot(name):
        driver.save_screenshot(os.path.join(opts.shots, name + ".png"))

    def page_shown(name):
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#page[data-page="{name}"]')))

    def browser_errors():
        return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]

    def no_overflow():
        return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")

    def cut_off():
        # What sticks out past the page's right edge, the scroll bar left out (a button or
        # link cut off on a phone).
        return driver.execute_script(
            "return [...document.querySelectorAll('#page *, .bar *')]"
            ".filter(e => e.getClientRects().length && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
            ".map(e => e.tagName + ':' + (e.textContent || '').slice(0, 20))")

    # Signing in: a wrong token is refused and says so; the right one opens the console.
    driver.get(base + "/admin")
    token_box = wait.until(EC.element_to_be_clickable((By.ID, "token")))
    shot("signin")
    token_box.send_keys("fika_" + "0" * 32)
    driver.find_element(By.CSS_SELECTOR, "#signin button[type=submit]").click()
    err = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#signin-error .error")))
    check("unknown or rotated token" in err.text, "a wrong token is refused with a message: " + err.text)
    check(not driver.find_element(By.ID, "nav").is_displayed() and not driver.find_element(By.ID, "signout").is_displayed(),
          "no pages and no sign-out before signing in")
    check(driver.get_cookie("fika_console") is None, "no session cookie for a wrong token")
    token_box = driver.find_element(By.ID, "token")
    token_box.clear()
    token_box.send_keys(root_token)
    driver.find_element(By.CSS_SELECTOR, "#signin button[type=submit]").click()
    page_shown("health")
    cookie = driver.get_cookie("fika_console")
    check(cookie is not None and cookie["httpOnly"] and cookie.get("sameSite") == "Strict",
          "the session is an HttpOnly, SameSite=Strict cookie")
    check(root_token not in driver.current_url and root_token not in json.dumps(driver.get_cookies()),
          "the token is in neither the URL nor a cookie")
    check(driver.execute_script("return document.cookie") == "", "scripts cannot read the session cookie")
    status = driver.find_element(By.CSS_SELECTOR, '[data-card="Status"] .value').text
    check(status == "ok", "the health page says ok: " + status)
    check(driver.find_element(By.ID, "who").text == "root", "the console names who is signed in")

    # Every page from the bar, where it lands.
    for name in ("health", "users", "devices", "access", "notifications", "privacy"):
        driver.find_element(By.CSS_SELECTOR, f'#nav a[data-page="{name}"]').click()
        page_shown(name)
        check(driver.current_url.endswith("#/" + name), f"{name}: the link lands on #/{name}")
        check(driver.find_element(By.CSS_SELECTOR, f'#nav a[data-page="{name}"]').get_attribute("aria-current") == "page",
              f"{name}: marked as the current page")
        check(no_overflow(), f"{name}: nothing wider than the window at 1280x800")
        shot("desktop-" + name)

    # A consultant added: their token is shown once.
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="users"]').click()
    page_shown("users")
    driver.find_element(By.CSS_SELECTOR, "#add-user input[name=name]").send_keys("karin")
    Select(driver.find_element(By.CSS_SELECTOR, "#add-user select[name=role]")).select_by_value("consultant")
    driver.find_element(By.CSS_SELECTOR, "#add-user button[type=submit]").click()
    secret = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#secret code[data-secret="Token"]')))
    karin_token = secret.text
    check(karin_token.startswith("fika_"), "the new consultant's token is shown")
    shot("desktop-users-added")
    rows = driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")
    check(any("karin" in r.text for r in rows), "karin is in the list of users")
    # An enrolment code for karin: shown once, with its link.
    driver.find_element(By.CSS_SELECTOR, '#page button[data-user="karin"][data-action="enrol"]').click()
    code = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#secret code[data-secret="Enrolment code"]'))).text
    link = driver.find_element(By.CSS_SELECTOR, '#secret code[data-secret="Link"]').text
    check(len(code) == 14 and link.startswith("fika://enrol"), f"an enrolment code and its link: {code} {link[:30]}")

    # Access: karin is granted the customer found by name.
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="access"]').click()
    page_shown("access")
    check(Select(driver.find_element(By.ID, "access-user")).first_selected_option.text == "karin", "karin is picked")
    driver.find_element(By.ID, "account-search").send_keys("acme")
    driver.find_element(By.CSS_SELECTOR, "#search-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#page[data-hash="#/access?user=karin&q=acme"]')))
    grant = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'#page button[data-action="grant"][data-account="{acme}"]')))
    check(len(driver.find_elements(By.CSS_SELECTOR, '#page button[data-action="grant"]')) == 1,
          "the search finds Acme only, not Berg & Söner")
    grant.click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#page button[data-action="revoke"][data-account="{acme}"]')))
    check(driver.find_element(By.CSS_SELECTOR, f'#page button[data-action="grant"][data-account="{acme}"]').get_attribute("disabled") is not None,
          "a granted customer cannot be granted again")
    shot("desktop-access-granted")

    # Karin's fika-cli syncs that customer, and only it.
    cli("karin.db", "connect", base, karin_token)
    cli("karin.db", "sync")
    accounts = json.loads(cli("karin.db", "list", "account", "--json"))
    names = sorted(a.get("name") for a in (accounts if isinstance(accounts, list) else accounts.get("records", [])))
    check(names == ["Acme Verkstad AB"], f"karin's device holds the granted customer only: {names}")

    # Her device and her download show on the devices and privacy pages.
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="devices"]').click()
    page_shown("devices")
    check(any("karin" in r.text for r in driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")), "karin's device is listed")
    shot("desktop-devices")
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="privacy"]').click()
    page_shown("privacy")
    check(any("karin" in r.text and "Acme Verkstad AB" in r.text for r in driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")),
          "the access log shows karin's download of Acme, by the customer's name")
    shot("desktop-privacy")
    # A GDPR request: the person found by name, exported, then erased (confirmed).
    driver.find_element(By.ID, "person-search").send_keys("lund")
    driver.find_element(By.CSS_SELECTOR, "#people-form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, '#page[data-hash="#/privacy?q=lund"]')))
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")]
    check(any("Eva Lund" in r and "Acme Verkstad AB" in r for r in rows), "Eva Lund is found by name, with her customer")
    driver.find_element(By.CSS_SELECTOR, '#page button[data-action="export"]').click()
    exported = wait.until(EC.visibility_of_element_located((By.ID, "export-json"))).text
    check("eva@acme.example" in exported, "her export holds what is kept about her")
    shot("desktop-privacy-export")
    driver.find_element(By.CSS_SELECTOR, '#page button[data-action="erase"]').click()
    alert = wait.until(EC.alert_is_present())
    check("Eva Lund" in alert.text, "erasing asks first, naming her: " + alert.text.replace("\n", " "))
    alert.accept()
    wait.until(lambda d: any("erase" in r.text for r in d.find_elements(By.CSS_SELECTOR, "#page tbody tr")))
    check(True, "the erasure is in the access log")
    export_log = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")]
    check(any("export" in r and "root" in r for r in export_log), "so is the export, by root")

    # Sven was told of the new case; the webhook's failed delivery waits with its error.
    def webhook_failed():
        req = urllib.request.Request(base + "/v1/admin/webhooks", headers={"Authorization": "Bearer " + root_token})
        with urllib.request.urlopen(req) as r:
            q = json.load(r)["queue"]
        return q and q[0]["last_error"]
    def mail_failed():
        req = urllib.request.Request(base + "/v1/admin/mail", headers={"Authorization": "Bearer " + root_token})
        with urllib.request.urlopen(req) as r:
            q = json.load(r)["queue"]
        return q and q[0]["last_error"]
    WebDriverWait(driver, 30).until(lambda d: webhook_failed() and mail_failed())
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="notifications"]').click()
    page_shown("notifications")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "#page tbody tr")]
    check(any("sven" in r and "Ny lagerlokal" in r for r in rows), "the notification to sven is listed")
    check(any("Ny lagerlokal" in r and "cannot connect to http://127.0.0.1:1" in r for r in rows),
          "the waiting webhook delivery shows its error: " + " | ".join(rows)[:300])
    check(any(r.startswith("sven") and "Ny lagerlokal" in r and "At once" in r and "connect" in r.lower() for r in rows),
          "sven's mail waits with the mail server's error: " + " | ".join(rows)[:400])
    shot("desktop-notifications")

    # Swedish and Danish, and a phone-sized window.
    for code_, users_word in (("sv", "Användare"), ("da", "Brugere")):
        Select(driver.find_element(By.ID, "lang")).select_by_value(code_)
        wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '#nav a[data-page="users"]').text == users_word)
        check(True, f"{code_}: the bar says {users_word}")
        driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="users"]').click()
        page_shown("users")
        shot(f"desktop-users-{code_}")
    driver.set_window_size(390, 844)
    for name in ("health", "users", "devices", "access", "notifications", "privacy"):
        driver.find_element(By.CSS_SELECTOR, f'#nav a[data-page="{name}"]').click()
        page_shown(name)
        check(no_overflow(), f"{name}: nothing wider than a 390 px phone (Danish)")
        stuck = cut_off()
        check(not stuck, f"{name}: nothing cut off at the right edge: {stuck[:5]}")
        shot("phone-" + name)
    Select(driver.find_element(By.ID, "lang")).select_by_value("en")
    driver.set_window_size(1280, 800)

    # Writes with the session cookie but no CSRF token, or from another origin: refused.
    session = "fika_console=" + driver.get_cookie("fika_console")["value"]
    csrf = driver.execute_script(
        "return fetch('/admin/session', {credentials: 'same-origin'}).then(r => r.json()).then(j => j.csrf)")

    def post(path, body, headers):
        req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **headers})
        try:
            with urllib.request.urlopen(req) as r:
                return r.status, json.load(r)
        except urllib.error.HTTPError as e:
            return e.code, json.load(e)

    st, body = post("/v1/admin/users", {"name": "mallory", "role": "admin"}, {"Cookie": session})
    check(st == 403 and body["error"]["code"] == "csrf", f"a write without the CSRF token is refused: {st}")
    st, body = post("/v1/admin/users", {"name": "mallory", "role": "admin"},
                    {"Cookie": session, "X-Fika-CSRF": csrf, "Origin": "http://evil.example"})
    check(st == 403, f"a write from another origin is refused: {st}")
    st, body = post("/v1/admin/users", {"name": "mallory", "role": "admin"}, {"Cookie": session, "X-Fika-CSRF": "0" * 64})
    check(st == 403, f"a write with a wrong CSRF token is refused: {st}")
    st, body = post("/v1/admin/users", {"name": "mallory", "role": "admin"},
                    {"Cookie": session[:-2] + "00", "X-Fika-CSRF": csrf})
    check(st == 401, f"a forged session cookie is refused: {st}")
    st, body = post("/admin/session", {"token": karin_token}, {})
    check(st == 403, f"a consultant's token does not open the console: {st}")
    listed = subprocess.run([opts.server, "--data", data, "--json", "user", "list"], env=env, capture_output=True,
                            text=True).stdout
    check("karin" in listed and "mallory" not in listed, "no refused write left a trace")

    # Signing out: the sign-in form again, and the cookie is gone.
    driver.find_element(By.ID, "signout").click()
    wait.until(EC.element_to_be_clickable((By.ID, "token")))
    check(driver.get_cookie("fika_console") is None, "signing out removes the session cookie")
    driver.get(base + "/admin#/users")
    wait.until(EC.element_to_be_clickable((By.ID, "token")))
    check(True, "after signing out the console asks for a token again")

    # A session that ends while the page is open (the admin disabled meanwhile): the next
    # page asks to sign in again, saying why.
    driver.get(base + "/admin")
    wait.until(EC.element_to_be_clickable((By.ID, "token"))).send_keys(root_token)
    driver.find_element(By.CSS_SELECTOR, "#signin button[type=submit]").click()
    page_shown("health")
    subprocess.run([opts.server, "--data", data, "user", "disable", "root"], env=env, check=True, capture_output=True)
    driver.find_element(By.CSS_SELECTOR, '#nav a[data-page="users"]').click()
    ended = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".signin .error"))).text
    check("sign in again" in ended, "a session ended meanwhile leads back to signing in: " + ended)
    check(not driver.find_element(By.ID, "nav").is_displayed(), "and the pages are gone")

    errors = browser_errors()
    # The wrong token's 401 and the refused writes are logged by the browser as failed
    # requests; anything else (a script error, a CSP violation) is a failure.
    unexpected = [e for e in errors if "401" not in e["message"] and "403" not in e["message"]]
    check(not unexpected, "no errors in the browser's console: " + json.dumps(unexpected)[:500])
    if failures:
        print(server_state())
except Exception:
    failures.append("the browser run stopped")
    print(server_state())
    if driver:
        driver.save_screenshot(os.path.join(opts.shots, "failure.png"))
        print("at " + driver.current_url + ": " + driver.find_element(By.TAG_NAME, "body").text[:2000])
        print(json.dumps(driver.get_log("browser"))[:2000])
    raise
finally:
    if driver:
        driver.quit()
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    server_log.close()
    shutil.rmtree(tmp, ignore_errors=True)

print(f"{len(failures)} failure(s); screenshots in {opts.shots}")
sys.exit(1 if failures else 0)
