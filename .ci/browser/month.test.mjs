// A liaison's whole month in the browser, once with JavaScript and once without: the
// liaison follows the link of a real reminder mail (sent over SMTP to the sink), signs in
// and lands on the return form, marks a milestone achieved, reports an outcome, revises
// it with a reason and submits the return. The JSON API then shows exactly those changes
// and the audit log records each one. A liaison of an unrelated agency gets the 404 page
// for that investigation.
import {
  adminEmail, adminPassword, apiAs, audit, base, check, finish, inviteUser, launch,
  mailMatching, tokenFor,
} from "./lib.mjs";

const admin = apiAs(await tokenFor(adminEmail, adminPassword));
const run = Date.now().toString(36);
const password = "a-long-passphrase-for-the-month";

// Today in the JPA's time zone (Asia/Bangkok, UTC+7, no daylight saving).
const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
const monthsAgo = (n) => {
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 10);
};

const jpa = await admin("POST", "/jpas", {
  code: `MONTH-${run}`, name: `The month ${run}`, start_date: monthsAgo(4), status: "active",
  timezone: "Asia/Bangkok",
});
check(jpa.status === 201, `JPA made (${jpa.status} ${jpa.text})`);
const jpaId = jpa.json.id;

/// An agency taking part since the JPA's start, its liaison, an investigation it leads
/// and an overdue milestone.
async function agencyWithWork(label, country) {
  const agency = await admin("POST", "/agencies", {
    name: `${label} agency ${run}`, country, kind: "police", contact_email: `${label}-${run}@agency.example`,
  });
  await admin("PUT", `/jpas/${jpaId}/agencies/${agency.json.id}`, { joined_on: monthsAgo(4) });
  const email = `${label}-${run}@liaison.example`;
  await inviteUser(admin, { email, display_name: `Liaison ${label}`, role: "liaison", agency_id: agency.json.id }, password);
  const as = apiAs(await tokenFor(email, password));
  const inv = await as("POST", `/jpas/${jpaId}/investigations`, {
    reference: `REF-${label}-${run}`, title: `Boat network ${label}`, crime_types: ["people_smuggling"],
  });
  check(inv.status === 201, `${label}: investigation made (${inv.status} ${inv.text})`);
  const milestone = await as("POST", `/investigations/${inv.json.id}/milestones`, {
    kind: "arrests", title: `Arrest the organiser ${label}`, due_on: monthsAgo(1),
  });
  check(milestone.status === 201, `${label}: milestone made (${milestone.status} ${milestone.text})`);
  return { agencyId: agency.json.id, email, as, investigationId: inv.json.id, milestoneId: milestone.json.id };
}

const withJs = await agencyWithWork("js", "TH");
const withoutJs = await agencyWithWork("nojs", "ID");
const unrelated = await agencyWithWork("other", "MY");

// One reminder pass, run for the day after last month's due date: the return of the
// month before last is one day overdue, and every liaison gets a mail with its link.
const dueDay = jpa.json.report_due_day;
const asOf = `${monthsAgo(1).slice(0, 8)}${String(dueDay + 1).padStart(2, "0")}`;
const pass = await admin("POST", "/admin/reminders/run", { as_of: asOf });
check(pass.json && pass.json.queued.overdue >= 3, `overdue reminders queued (${pass.text})`);
check(pass.status === 200, `reminder pass (${pass.status} ${pass.text})`);
const linkPattern = new RegExp(`(http://[^\\s"<>]+/jpas/${jpaId}/returns/\\d{4}-\\d{2})`);

const browser = await launch();

async function month(who, javaScriptEnabled) {
  const label = javaScriptEnabled ? "month js" : "month no-js";
  const [, link] = await mailMatching(who.email, linkPattern);
  const period = link.slice(-7);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled, bypassCSP: javaScriptEnabled });
  const page = await context.newPage();

  // The link from the mail, signed out: the sign-in page, then the return form.
  await page.goto(link);
  check(new URL(page.url()).pathname === "/login", `${label}: the mail's link asks to sign in (${page.url()})`);
  await page.fill("input[name=email]", who.email);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForNavigation(), page.press("input[name=password]", "Enter")]);
  check(page.url() === link, `${label}: sign-in lands on the return form (${page.url()})`);
  await audit(page, `${label} return form`, javaScriptEnabled);

  // Mark the milestone achieved (the date defaults to today in the JPA's time zone).
  await page.goto(`${base}/investigations/${who.investigationId}`);
  await audit(page, `${label} investigation`, javaScriptEnabled);
  const achieve = page.locator(`form[action='/milestones/${who.milestoneId}/achieve']`);
  check(await achieve.locator("input[name=achieved_on]").inputValue() === today, `${label}: achieved on defaults to today`);
  await Promise.all([page.waitForNavigation(), achieve.locator("button[type=submit]").click()]);

  // Report an outcome.
  await page.goto(`${base}/investigations/${who.investigationId}/outcomes/new`);
  await audit(page, `${label} outcome form`, javaScriptEnabled);
  await page.check("input[name=indicator][value=arrests]");
  await page.fill("input[name=value]", "3");
  await page.fill("input[name=occurred_on]", today);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").last().click()]);
  check(new URL(page.url()).pathname === `/investigations/${who.investigationId}`, `${label}: the outcome is reported (${page.url()})`);
  const outcomes = await who.as("GET", `/investigations/${who.investigationId}/outcomes`);
  const outcome = outcomes.json.items[0];
  check(outcome && outcome.value === 3, `${label}: the API shows the outcome`);

  // Revise it with a reason: first without one (refused, input kept), then with one.
  await page.goto(`${base}/outcomes/${outcome.id}/edit`);
  await page.fill("input[name=value]", "4");
  const [refused] = await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").last().click()]);
  check(refused.status() === 422, `${label}: a revision without a reason is refused (${refused.status()})`);
  check(await page.locator("input[name=value]").inputValue() === "4", `${label}: the refused form keeps the value`);
  await page.fill("textarea[name=revision_reason]", "Court records: one more arrest");
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").last().click()]);
  check(new URL(page.url()).pathname === `/investigations/${who.investigationId}`, `${label}: the revision is saved (${page.url()})`);

  // File the return: narrative, submit, confirm.
  await page.goto(link);
  await page.fill("textarea[name=narrative]", `Arrested the organiser; ${label}.`);
  await Promise.all([page.waitForNavigation(), page.locator("button[name=intent][value=submit]").click()]);
  check(new URL(page.url()).pathname.endsWith(`/returns/${period}/submit`), `${label}: submitting asks to confirm (${page.url()})`);
  await audit(page, `${label} confirm`, javaScriptEnabled);
  await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").last().click()]);
  await audit(page, `${label} submitted`, javaScriptEnabled);

  // The API shows exactly those changes.
  const milestone = (await who.as("GET", `/investigations/${who.investigationId}/milestones`)).json.items[0];
  check(milestone.status === "achieved" && milestone.achieved_on === today, `${label}: milestone achieved today (${milestone.status} ${milestone.achieved_on})`);
  const revised = (await who.as("GET", `/investigations/${who.investigationId}/outcomes`)).json.items;
  check(revised.length === 1 && revised[0].value === 4, `${label}: one outcome, revised to 4`);
  const revisions = (await who.as("GET", `/outcomes/${outcome.id}/revisions`)).json.items;
  check(revisions.length === 1 && revisions[0].reason === "Court records: one more arrest", `${label}: the revision with its reason (${JSON.stringify(revisions)})`);
  const returns = (await who.as("GET", `/jpas/${jpaId}/returns?period=${period}`)).json.items;
  check(returns.length === 1 && returns[0].status === "submitted" && returns[0].narrative.includes(label), `${label}: the return is submitted`);

  // The audit log has each change, by this liaison.
  const events = async (type, id) => (await admin("GET", `/audit?entity_type=${type}&entity_id=${id}`)).json.items.map((e) => e.action);
  const mEvents = await events("milestone", who.milestoneId);
  check(mEvents.some((a) => a.includes("update") || a.includes("achiev")), `${label}: audit of the milestone (${mEvents})`);
  const oEvents = await events("outcome", outcome.id);
  check(oEvents.some((a) => a.includes("create")) && oEvents.some((a) => a.includes("update") || a.includes("revis")), `${label}: audit of the outcome (${oEvents})`);
  const rEvents = await events("monthly_return", returns[0].id);
  check(rEvents.some((a) => a.includes("submit")), `${label}: audit of the return (${rEvents})`);

  // Another agency's liaison gets the 404 page for this investigation.
  const other = await browser.newContext({ javaScriptEnabled });
  const otherPage = await other.newPage();
  await otherPage.goto(`${base}/login`);
  await otherPage.fill("input[name=email]", unrelated.email);
  await otherPage.fill("input[name=password]", password);
  await Promise.all([otherPage.waitForNavigation(), otherPage.press("input[name=password]", "Enter")]);
  const hidden = await otherPage.goto(`${base}/investigations/${who.investigationId}`);
  check(hidden.status() === 404, `${label}: an unrelated liaison gets 404 (${hidden.status()})`);
  const source = await otherPage.content();
  check(!source.includes(`Boat network ${javaScriptEnabled ? "js" : "nojs"}`), `${label}: nothing of it in the 404 page`);
  await other.close();
  await context.close();
}

try {
  await month(withJs, true);
  await month(withoutJs, false);
} finally {
  await browser.close();
}
finish("month");
