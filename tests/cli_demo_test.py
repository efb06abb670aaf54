#!/usr/bin/env python3
"""`kangfu demo seed` then `kangfu serve --demo` end to end: the seed lists one account per role,
the server prints its URL and the same accounts, each business account logs in with the demo
password and sees its own jurisdiction, a wrong password is refused, and SIGTERM stops the
server cleanly. Outside demo mode the accounts are not printed.

Usage: cli_demo_test.py path/to/kangfu
"""
import http.cookiejar
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROLES = {
    "anguan": "案件监督管理",
    "huifang": "回访人员",
    "zuzhibu": "组织人事部门",
    "danwei": "单位党组织",
    "bangdai": "教育帮带责任人",
    "lingdao": "领导",
    "xitong": "系统管理员",
    "anquan": "安全保密管理员",
    "shenji": "安全审计员",
}
PASSWORD = "Kangfu@2026"


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def listed_accounts(text):
    return dict(re.findall(r"^  (\w+)\s+(\S+)\s+管辖：", text, re.MULTILINE))


def start(kangfu, db, demo):
    args = [kangfu, "serve", "--db", db, "--listen", "127.0.0.1:0"] + (["--demo"] if demo else [])
    server = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env={"KANGFU_SECURE_COOKIES": "false", "PATH": "/usr/bin:/bin"})
    lines = []
    for line in server.stdout:
        lines.append(line)
        if not demo and line.startswith("康复服务已启动"):
            break
        if demo and line.startswith("  shenji"):
            break
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(lines))
    if not match:
        server.kill()
        fail("no URL printed: " + "".join(lines))
    return server, int(match.group(1)), "".join(lines)


def login(port, username, password, opener=None):
    if opener is None:
        opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/auth/login",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"Content-Type": "application/json"}, method="POST")
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def reminder_summary(port, username):
    """The account's counts from the server's daily reminder run, once it has finished."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    status, body = login(port, username, PASSWORD, opener)
    if status != 200:
        fail(f"{username}: login {status} {body}")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with opener.open(f"http://127.0.0.1:{port}/api/v1/workbench/summary", timeout=10) as r:
            summary = json.load(r)
        if summary["computed"]:
            return summary
        time.sleep(0.2)
    fail("the reminder run did not finish within 60 s")
    return None


def stop(server):
    server.send_signal(signal.SIGTERM)
    if server.wait(timeout=20) != 0:
        fail(f"server exited {server.returncode} on SIGTERM")


def main():
    kangfu = sys.argv[1]
    with tempfile.TemporaryDirectory() as work:
        db = f"sqlite://{work}/demo.db"
        seeded = subprocess.run([kangfu, "demo", "seed", "--db", db], capture_output=True,
                                text=True, check=False)
        if seeded.returncode != 0:
            fail("demo seed: " + seeded.stderr)
        if listed_accounts(seeded.stdout) != ROLES:
            fail("seed listed " + str(listed_accounts(seeded.stdout)))
        if f"密码均为 {PASSWORD}" not in seeded.stdout:
            fail("no password shown: " + seeded.stdout)

        server, port, banner = start(kangfu, db, demo=True)
        try:
            if listed_accounts(banner) != ROLES:
                fail("serve --demo listed " + str(listed_accounts(banner)))
            for username, role_label in ROLES.items():
                status, body = login(port, username, PASSWORD)
                if status != 200:
                    fail(f"{username}: login {status} {body}")
                if not body.get("csrf_token"):
                    fail(f"{username}: no csrf token in {body}")
                if username == "anguan" and body["account"]["jurisdiction_name"] != "江州市":
                    fail(f"anguan: jurisdiction {body['account']}")
                if not body["account"]["display_name"]:
                    fail(f"{username}: no display name in {body['account']}")
                labels = [role["label"] for role in body["account"]["roles"]]
                if labels != [role_label]:
                    fail(f"{username}: roles {labels}, expected {role_label}")
            # The scheduler ran at start: the commission's account sees its overdue work.
            summary = reminder_summary(port, "anguan")
            if summary["total"] <= 0 or summary["overdue"] <= 0:
                fail(f"anguan: reminder summary {summary}")
            status, body = login(port, "anguan", "Wrong-Pass-2026")
            if status != 401 or body.get("code") != "auth.bad_credentials":
                fail(f"wrong password: {status} {body}")
        finally:
            stop(server)

        server, port, banner = start(kangfu, db, demo=False)
        try:
            if "演示账号" in banner:
                fail("accounts printed outside demo mode: " + banner)
        finally:
            stop(server)
    print("cli_demo_test: ok")


if __name__ == "__main__":
    main()
