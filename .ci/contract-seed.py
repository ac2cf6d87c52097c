#!/usr/bin/env python3
"""Seeds the contract-fuzzing server with one small JPA and prints schemathesis
dictionaries of its ids (TOML), so that most generated requests name objects that
exist and reach the handlers' real logic instead of stopping at 404. The seeded
liaison of the lead agency and an observer accept their invitations (read from the mail
folder); their access tokens are written to TOKEN_DIR/liaison and TOKEN_DIR/observer, for
runs in those roles.

Usage: contract-seed.py BASE_URL ADMIN_TOKEN MAIL_DIR TOKEN_DIR >> schemathesis.toml
"""

import datetime
import email
import email.policy
import json
import pathlib
import re
import sys
import time
import urllib.request

BASE, TOKEN, MAIL_DIR, TOKEN_DIR = sys.argv[1:5]


def call(method, path, body=None, token=TOKEN):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req) as resp:
        text = resp.read().decode()
        return json.loads(text) if text else None


today = datetime.date.today()
start = today.replace(day=1) - datetime.timedelta(days=60)
start = start.replace(day=1)

agencies = [
    call("POST", "/api/v1/agencies",
         {"name": name, "country": country, "kind": kind, "contact_email": contact})["id"]
    for name, country, kind, contact in [
        ("Seed Police", "TH", "police", "police@seed.example"),
        ("Seed Immigration", "AU", "immigration", "imm@seed.example"),
        ("Seed Border", "ID", "border", "border@seed.example"),
    ]
]
jpa = call("POST", "/api/v1/jpas", {"code": "SEED", "name": "Seed JPA", "status": "active",
                                    "start_date": start.isoformat()})["id"]
for agency in agencies:
    # Joined at the start, so that every seeded period has a return owed.
    call("PUT", f"/api/v1/jpas/{jpa}/agencies/{agency}", {"joined_on": start.isoformat()})
liaison = call("POST", "/api/v1/users", {"email": "liaison@seed.example", "display_name": "Seed Liaison",
                                         "role": "liaison", "agency_id": agencies[0]})["id"]
call("POST", "/api/v1/users", {"email": "observer@seed.example", "display_name": "Seed Observer",
                               "role": "observer", "organisation": "UNODC"})

investigations = []
for n, sensitivity in enumerate(["standard", "restricted"]):
    inv = call("POST", f"/api/v1/jpas/{jpa}/investigations", {
        "lead_agency_id": agencies[0], "reference": f"SEED-{n}", "title": f"Seed case {n}",
        "crime_types": ["people_smuggling"], "sensitivity": sensitivity,
        "route_legs": [{"country": "TH", "place": "Bangkok", "kind": "departure", "mode": "air"}],
    })["id"]
    call("PUT", f"/api/v1/investigations/{inv}/partners/{agencies[1]}")
    investigations.append(inv)
call("POST", f"/api/v1/investigations/{investigations[0]}/links",
     {"investigation_id": investigations[1], "relation": "related"})
milestones = [
    call("POST", f"/api/v1/investigations/{inv}/milestones",
         {"kind": "arrests", "title": "Arrests", "due_on": today.isoformat()})["id"]
    for inv in investigations
]
outcomes = [
    call("POST", f"/api/v1/investigations/{inv}/outcomes",
         {"indicator": "arrests", "value": 3, "occurred_on": today.isoformat(),
          "contributing_agency_ids": [agencies[1]]})["id"]
    for inv in investigations
]

plan = call("POST", "/api/v1/work-plans", {
    "title": "Seed plan", "first_year": today.year - 1, "last_year": today.year + 1,
    "priorities": [{"number": 1, "text": "Compendium"}, {"number": 2, "text": "JPA"}]})["id"]
items = [
    call("POST", f"/api/v1/work-plans/{plan}/action-items",
         {"number": str(n), "text": f"Seed item {n}", "priority_numbers": [n], "jpa_ids": [jpa]})["id"]
    for n in (1, 2)
]
meetings = [
    call("POST", f"/api/v1/work-plans/{plan}/meetings",
         {"held_on": day.isoformat(), "place": "Seed place"})["id"]
    for day in (today - datetime.timedelta(days=30), today + datetime.timedelta(days=30))
]
call("POST", f"/api/v1/meetings/{meetings[0]}/status-updates",
     {"action_item_id": items[0], "status": "in_progress", "timeframe": "ongoing"})
interests = [
    call("POST", f"/api/v1/action-items/{items[0]}/interests",
         {"member": {"country": "TH"}, "role": "lead"})["id"],
    call("POST", f"/api/v1/action-items/{items[1]}/interests",
         {"member": {"organisation": "UNODC"}, "role": "support"})["id"],
]


def invitation_token(address):
    """The token of the invitation mailed to `address` (file transport, .eml files)."""
    for _ in range(100):
        for path in pathlib.Path(MAIL_DIR).glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] != address:
                continue
            text = message.get_body(preferencelist=("plain",)).get_content()
            found = re.search(r"token=([A-Za-z0-9_-]+)", text)
            if found:
                return found.group(1)
        time.sleep(0.1)
    sys.exit(f"no invitation mail to {address} in {MAIL_DIR}")


for role in ["liaison", "observer"]:
    address, password = f"{role}@seed.example", f"seeded {role} passphrase 42"
    call("POST", "/api/v1/auth/password-reset/confirm",
         {"token": invitation_token(address), "new_password": password}, token=None)
    signed_in = call("POST", "/api/v1/auth/login", {"email": address, "password": password}, token=None)
    pathlib.Path(TOKEN_DIR, role).write_text(signed_in["access_token"])

periods = sorted({(start + datetime.timedelta(days=31 * i)).strftime("%Y-%m") for i in range(3)})


def values(items):
    return json.dumps(items)


print(f"""
# Generated by .ci/contract-seed.py for this run.
[dictionaries.jpas]
values = {values([jpa])}
[dictionaries.agencies]
values = {values(agencies)}
[dictionaries.investigations]
values = {values(investigations)}
[dictionaries.milestones]
values = {values(milestones)}
[dictionaries.outcomes]
values = {values(outcomes)}
[dictionaries.users]
values = {values([liaison])}
[dictionaries.periods]
values = {values(periods)}
[dictionaries.work_plans]
values = {values([plan])}
[dictionaries.action_items]
values = {values(items)}
[dictionaries.meetings]
values = {values(meetings)}
[dictionaries.interests]
values = {values(interests)}
[dictionaries.versions]
values = {values([f'"{v}"' for v in range(1, 41)])}

[parameters]
"header.If-Match" = {{ dictionary = "versions", probability = 0.7 }}
"path.agency_id" = {{ dictionary = "agencies", probability = 0.9 }}
"path.other_id" = {{ dictionary = "investigations", probability = 0.9 }}
"path.period" = {{ dictionary = "periods", probability = 0.8 }}
"query.agency_id" = {{ dictionary = "agencies", probability = 0.8 }}
"query.period" = {{ dictionary = "periods", probability = 0.5 }}
"body.lead_agency_id" = {{ dictionary = "agencies", probability = 0.8 }}
"body.investigation_id" = {{ dictionary = "investigations", probability = 0.8 }}
"body.action_item_id" = {{ dictionary = "action_items", probability = 0.8 }}
""")
for prefix, dictionary in [("jpas", "jpas"), ("investigations", "investigations"),
                           ("milestones", "milestones"), ("outcomes", "outcomes"),
                           ("users", "users"), ("agencies", "agencies"),
                           ("work-plans", "work_plans"), ("action-items", "action_items"),
                           ("meetings", "meetings"), ("interests", "interests")]:
    print(f"""[[operations]]
include-path-regex = "^/api/v1/{prefix}/\\\\{{id\\\\}}"
parameters = {{ "path.id" = {{ dictionary = "{dictionary}", probability = 0.9 }} }}
""")
