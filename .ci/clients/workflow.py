#!/usr/bin/env python3
"""A liaison's and a co-chair's work, through the Python client that openapi-python-client
generated from the served document, and nothing else (no hand-written HTTP): a change of
the document that breaks a generated client breaks this script.

The admin signs in, creates an agency, a JPA, the agency's participation, invites a
liaison of the agency and a co-chair (each sets a password with the token of the
invitation mail, through confirmPasswordReset). The liaison opens an investigation, adds a
milestone and an outcome, updates the investigation with If-Match and the ETag of the
previous answer, and meets a typed 412 problem with the stale one. The co-chair exports
the CSV and reads the progress figures.

Run by .ci/openapi: workflow.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD MAIL_DIR, with the
generated package on PYTHONPATH.
"""

import datetime
import email
import email.policy
import pathlib
import re
import sys
import time
from http import HTTPStatus

from jpa_coord_client import AuthenticatedClient, Client
from jpa_coord_client.api.agencies import create_agency
from jpa_coord_client.api.auth import confirm_password_reset, login
from jpa_coord_client.api.investigations import create_investigation, get_investigation, update_investigation
from jpa_coord_client.api.jpas import add_jpa_agency, create_jpa, list_jpas
from jpa_coord_client.api.milestones import create_milestone, list_milestones
from jpa_coord_client.api.outcomes import create_outcome
from jpa_coord_client.api.reports import export_csv, get_progress
from jpa_coord_client.api.users import create_user
from jpa_coord_client.models import (
    AgencyKind,
    AgencyView,
    CountryCode,
    CreateAgency,
    CreateInvestigation,
    CreateJpa,
    CreateMilestone,
    CreateOutcome,
    CreateUser,
    CrimeType,
    ExportKind,
    IndicatorCode,
    InvestigationStatus,
    InvestigationView,
    JpaStatus,
    JpaView,
    LegKind,
    LoginRequest,
    MilestoneKind,
    MilestoneStatus,
    MilestoneView,
    OutcomeStatus,
    OutcomeView,
    ParticipantView,
    Problem,
    Progress,
    ResetConfirmRequest,
    Role,
    RouteLeg,
    TokenResponse,
    TransportMode,
    UpdateInvestigation,
    UserView,
)

BASE, ADMIN_EMAIL, ADMIN_PASSWORD, MAIL_DIR = sys.argv[1:5]
TODAY = datetime.date.today()
calls = 0


def expect(response, status, kind):
    """The answer has this status and its body parsed into this generated type."""
    global calls
    calls += 1
    assert response.status_code == status, f"{response.status_code} (wanted {status}): {response.content[:300]!r}"
    assert isinstance(response.parsed, kind), f"{type(response.parsed).__name__} (wanted {kind.__name__})"
    assert response.headers.get("x-request-id"), "no X-Request-Id"
    return response.parsed


def etag_of(response, version):
    """The ETag the document promises, equal to the body's version."""
    assert response.headers.get("etag") == f'"{version}"', response.headers.get("etag")
    return response.headers["etag"]


def sign_in(address, password):
    anonymous = Client(base_url=BASE, raise_on_unexpected_status=True)
    answer = expect(login.sync_detailed(client=anonymous, body=LoginRequest(email=address, password=password)),
                    HTTPStatus.OK, TokenResponse)
    assert answer.token_type.value == "Bearer"
    return AuthenticatedClient(base_url=BASE, token=answer.access_token, raise_on_unexpected_status=True), answer


def invitation_token(address):
    """The token of the invitation mailed to `address` (file transport, .eml files)."""
    for _ in range(100):
        for path in pathlib.Path(MAIL_DIR).glob("*.eml"):
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] != address:
                continue
            found = re.search(r"token=([A-Za-z0-9_-]+)", message.get_body(preferencelist=("plain",)).get_content())
            if found:
                return found.group(1)
        time.sleep(0.1)
    sys.exit(f"no invitation mail to {address} in {MAIL_DIR}")


def invite(admin, address, name, role, agency_id=None):
    """Creates the user, then sets its password with the mailed token, as the invitee would."""
    body = CreateUser(email=address, display_name=name, role=role)
    if agency_id is not None:
        body.agency_id = agency_id
    answer = create_user.sync_detailed(client=admin, body=body)
    user = expect(answer, HTTPStatus.CREATED, UserView)
    assert user.role == role and answer.headers.get("location") == f"/api/v1/users/{user.id}"
    password = f"{role.value} workflow passphrase 42"
    anonymous = Client(base_url=BASE, raise_on_unexpected_status=True)
    done = confirm_password_reset.sync_detailed(
        client=anonymous, body=ResetConfirmRequest(token=invitation_token(address), new_password=password))
    assert done.status_code == HTTPStatus.NO_CONTENT, done.content
    return sign_in(address, password)


admin, me = sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
assert me.user.role == Role.ADMIN

created = create_agency.sync_detailed(client=admin, body=CreateAgency(
    name="Workflow Police", country=CountryCode.TH, kind=AgencyKind.POLICE, contact_email="police@workflow.example"))
agency = expect(created, HTTPStatus.CREATED, AgencyView)
assert agency.kind == AgencyKind.POLICE and agency.country == CountryCode.TH
assert created.headers.get("location") == f"/api/v1/agencies/{agency.id}"
etag_of(created, agency.version)

start = TODAY.replace(day=1)
jpa = expect(create_jpa.sync_detailed(client=admin, body=CreateJpa(
    code="WF-1", name="Workflow JPA", start_date=start, status=JpaStatus.ACTIVE, timezone="Asia/Bangkok")),
    HTTPStatus.CREATED, JpaView)
assert jpa.status == JpaStatus.ACTIVE and jpa.timezone == "Asia/Bangkok"
# The optional body left out.
participant = expect(add_jpa_agency.sync_detailed(jpa.id, agency.id, client=admin), HTTPStatus.CREATED,
                     ParticipantView)
assert participant.agency_id == agency.id
expect(add_jpa_agency.sync_detailed(jpa.id, agency.id, client=admin), HTTPStatus.OK, ParticipantView)

liaison, _ = invite(admin, "liaison@workflow.example", "Workflow Liaison", Role.LIAISON, agency.id)
co_chair, _ = invite(admin, "cochair@workflow.example", "Workflow Co-chair", Role.CO_CHAIR)

listed = expect(list_jpas.sync_detailed(client=liaison), HTTPStatus.OK, object)
assert [j.id for j in listed.items] == [jpa.id] and listed.next_cursor is None

opened = create_investigation.sync_detailed(jpa.id, client=liaison, body=CreateInvestigation(
    reference="WF-26-0001", title="Boat crossing", crime_types=[CrimeType.PEOPLE_SMUGGLING],
    route_legs=[RouteLeg(country=CountryCode.TH, kind=LegKind.DEPARTURE, mode=TransportMode.SEA, place="Satun")]))
investigation = expect(opened, HTTPStatus.CREATED, InvestigationView)
assert investigation.lead_agency_id == agency.id and investigation.status == InvestigationStatus.OPEN
first_etag = etag_of(opened, investigation.version)

milestone = expect(create_milestone.sync_detailed(investigation.id, client=liaison, body=CreateMilestone(
    kind=MilestoneKind.ARRESTS, title="First arrests", due_on=TODAY + datetime.timedelta(days=14))),
    HTTPStatus.CREATED, MilestoneView)
assert milestone.status == MilestoneStatus.PLANNED and milestone.responsible_agency_id == agency.id
page = expect(list_milestones.sync_detailed(investigation.id, client=liaison), HTTPStatus.OK, object)
assert [m.id for m in page.items] == [milestone.id]

outcome = expect(create_outcome.sync_detailed(investigation.id, client=liaison, body=CreateOutcome(
    indicator=IndicatorCode.ARRESTS, value=2, occurred_on=TODAY)), HTTPStatus.CREATED, OutcomeView)
assert outcome.indicator == IndicatorCode.ARRESTS and outcome.status == OutcomeStatus.PROVISIONAL

changed = update_investigation.sync_detailed(investigation.id, client=liaison, if_match=first_etag,
                                             body=UpdateInvestigation(title="Boat crossing, Andaman Sea"))
updated = expect(changed, HTTPStatus.OK, InvestigationView)
assert updated.title == "Boat crossing, Andaman Sea" and updated.version == investigation.version + 1
etag_of(changed, updated.version)
stale = update_investigation.sync_detailed(investigation.id, client=liaison, if_match=first_etag,
                                           body=UpdateInvestigation(title="Lost update"))
problem = expect(stale, HTTPStatus.PRECONDITION_FAILED, Problem)
assert problem.status == 412 and problem.code and problem.request_id == stale.headers["x-request-id"], problem
seen = expect(get_investigation.sync_detailed(investigation.id, client=co_chair), HTTPStatus.OK, InvestigationView)
assert seen.title == updated.title

csv = expect(export_csv.sync_detailed(jpa.id, ExportKind.INVESTIGATIONS, client=co_chair), HTTPStatus.OK, str)
assert "WF-26-0001" in csv and "Boat crossing, Andaman Sea" in csv, csv[:300]

# as_of left out: today in the JPA's time zone, the day the investigation was opened on.
progress = expect(get_progress.sync_detailed(jpa.id, client=co_chair), HTTPStatus.OK, Progress)
assert progress.jpa.id == jpa.id and progress.jpa.code == "WF-1"
assert progress.investigations.total == 1, progress.investigations.to_dict()
assert progress.milestones.total == 1 and progress.milestones.planned == 1, progress.milestones.to_dict()
assert progress.outcomes.arrests.total == 2 and progress.outcomes.convictions.total == 0
assert progress.investigations.by_status.open_ == 1  # `open` is a Python builtin
assert [a.agency_id for a in progress.by_agency] == [agency.id]

print(f"workflow: {calls} passed, 0 failed")
