// Browser tests of the investigation page and the forms of its work: the page, the
// milestone and outcome forms (also with errors shown), the revision history and the
// delete confirmation in the four contexts (1280 and 360 px, JavaScript on and off), each
// with axe-core (0 serious or critical) and no sideways scroll; and by keyboard alone, in
// each context, marking a milestone achieved (the date defaults to today in the JPA's time
// zone) and reporting then revising an outcome with a reason. The data is set up through
// the JSON API as the admin. With SHOTS=<dir> it saves screenshots of the pages.
import { readdirSync, readFileSync, mkdirSync } from "node:fs";
import { adminEmail, adminPassword, apiAs, audit, axeRuns, base, check, eachContext, finish, launch, mailDir, signIn, tokenFor, walk } from "./lib.mjs";

const TZ = "Asia/Bangkok";
const run = Math.random().toString(36).slice(2, 8);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));
const todayIn = (tz) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

async function must(method, path, body) {
  const r = await admin(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}

/// An invited user sets a password from the link in the invitation mail.
async function userWithPassword(email, role, agencyId) {
  await must("POST", "/users", { locale: "en", email, display_name: `Liaison ${email.split("@")[0]}`, role, agency_id: agencyId });
  const password = `work-browser-${run}-pass`;
  for (let i = 0; i < 100; i += 1) {
    let files = [];
    try { files = readdirSync(mailDir); } catch { /* not yet */ }
    for (const f of files) {
      const raw = readFileSync(`${mailDir}/${f}`, "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (!raw.includes(email)) continue;
      const m = raw.match(/token=([A-Za-z0-9_-]+)/);
      if (!m) continue;
      const r = await apiAs(null)("POST", "/auth/password-reset/confirm", { token: m[1], new_password: password });
      if (r.status === 204) return password;
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
  throw new Error(`no invitation mail for ${email}`);
}

// Arrange: a JPA with a lead and a partner agency, a lead liaison, an investigation with
// milestones (one of them overdue) and an outcome revised once.
const lead = (await must("POST", "/agencies", { name: `Work Lead Police ${run}`, country: "TH", kind: "police", contact_email: "lead@agency.example" })).id;
const partner = (await must("POST", "/agencies", { name: `Work Partner Police ${run}`, country: "ID", kind: "police", contact_email: "partner@agency.example" })).id;
const jpa = (await must("POST", "/jpas", { code: `WK-${run}`, name: `Work browser JPA ${run}`, start_date: "2026-01-01", status: "active", timezone: TZ })).id;
for (const a of [lead, partner]) await must("PUT", `/jpas/${jpa}/agencies/${a}`, { joined_on: "2026-01-01" });
const liaisonEmail = `lead-${run}@work.example`;
const liaisonPassword = await userWithPassword(liaisonEmail, "liaison", lead);
const inv = (await must("POST", `/jpas/${jpa}/investigations`, {
  lead_agency_id: lead, reference: `TH-${run}`, title: "Harbour network", summary: "Boats leave at night from the southern piers.",
  crime_types: ["people_smuggling", "trafficking_in_persons"], opened_on: "2026-01-15", modus_operandi: ["maritime", "document_fraud"],
  route_legs: [{ country: "TH", place: "Satun", kind: "departure", mode: "sea" }, { country: "ID", place: "Kupang", kind: "destination", mode: "sea" }],
})).id;
await must("PUT", `/investigations/${inv}/partners/${partner}`, {});
const overdue = (await must("POST", `/investigations/${inv}/milestones`, { kind: "arrests", title: "Arrest the skipper", due_on: "2026-02-01", responsible_agency_id: lead })).id;
await must("POST", `/investigations/${inv}/milestones`, { kind: "mla_request", title: "Send the MLA request", due_on: "2027-01-31", responsible_agency_id: partner, notes: "Through the central authority." });
const outcome = await must("POST", `/investigations/${inv}/outcomes`, { indicator: "arrests", value: 3, occurred_on: "2026-02-03", lead_agency_id: lead, contributing_agency_ids: [partner] });
const revised = await admin("PATCH", `/outcomes/${outcome.id}`, { value: 4, revision_reason: "One more arrest the next morning" }, { "if-match": `"${outcome.version}"` });
check(revised.status === 200, `outcome revised for the history (${revised.status})`);

/// Presses Tab until the focused element matches `test` (in the page); false if never.
async function tabTo(page, test, arg, max = 400) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test, arg)) return true;
  }
  return false;
}

const shots = process.env.SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

const browser = await launch();
try {
  await eachContext(browser, async (context, label, js) => {
    const page = await context.newPage();
    await signIn(page, liaisonEmail, liaisonPassword, `/investigations/${inv}`);
    check(new URL(page.url()).pathname === `/investigations/${inv}`, `${label} sign-in lands on the investigation (${page.url()})`);
    const own = (await must("POST", `/investigations/${inv}/milestones`, { kind: "joint_operation", title: `Joint boarding ${label}`, due_on: "2026-03-01", responsible_agency_id: lead })).id;
    const pages = [
      `/investigations/${inv}`,
      `/investigations/${inv}/milestones/new`,
      `/milestones/${overdue}/edit`,
      `/milestones/${overdue}/delete`,
      `/investigations/${inv}/outcomes/new`,
      `/outcomes/${outcome.id}/edit`,
      `/outcomes/${outcome.id}/revisions`,
      `/outcomes/${outcome.id}/delete`,
    ];
    await walk(context, `${label} lead liaison`, pages, js);

    // The page: overdue by text (and a shape), not by colour alone; withheld nothing here.
    await page.goto(`${base}/investigations/${inv}`);
    const row = page.locator(`#milestone-${overdue}`);
    check((await row.innerText()).includes("Overdue"), `${label} the overdue milestone says "Overdue"`);
    check(await row.evaluate((el) => el.classList.contains("is-overdue")), `${label} the overdue row is marked`);

    // Forms with their errors shown (422): summary and messages, still accessible.
    await page.goto(`${base}/investigations/${inv}/milestones/new`);
    await Promise.all([page.waitForNavigation(), page.locator("form.work-form button[type=submit]").click()]);
    check((await page.locator(".error-summary").count()) === 1, `${label} the empty milestone form shows the error summary`);
    await auditHere(page, `${label} milestone form with errors`, js);
    if (shots && js) await page.screenshot({ path: `${shots}/milestone-errors-${label.split(" ")[0]}.png`, fullPage: true });
    await page.goto(`${base}/outcomes/${outcome.id}/edit`);
    await page.fill("#value", "5");
    await Promise.all([page.waitForNavigation(), page.locator("form.work-form button[type=submit]").click()]);
    check((await page.locator("#revision_reason-error").count()) === 1, `${label} a value change without a reason is refused at the field`);
    await auditHere(page, `${label} outcome form with errors`, js);

    // By keyboard: mark the context's own milestone achieved, the date left as offered.
    await page.goto(`${base}/investigations/${inv}`);
    const found = await tabTo(page, (id) => document.activeElement?.closest?.(`form[action="/milestones/${id}/achieve"]`) && document.activeElement.tagName === "BUTTON", own);
    check(found, `${label} Tab reaches "Mark achieved"`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    check((await page.content()).includes("The milestone was marked achieved."), `${label} the page says it was marked achieved`);
    const ms = (await admin("GET", `/investigations/${inv}/milestones?limit=200`)).json.items.find((m) => m.id === own);
    check(ms.status === "achieved" && ms.achieved_on === todayIn(TZ), `${label} achieved today in ${TZ} (${ms.status} ${ms.achieved_on} vs ${todayIn(TZ)})`);

    // By keyboard: report an outcome, then revise it with a reason.
    await page.goto(`${base}/investigations/${inv}/outcomes/new`);
    check(await tabTo(page, () => document.activeElement?.id === "indicator"), `${label} Tab reaches the indicator picker`);
    await page.keyboard.press("Space");
    check(await tabTo(page, () => document.activeElement?.id === "value"), `${label} Tab reaches the value`);
    await page.keyboard.type("7");
    check(await tabTo(page, () => document.activeElement?.id === "notes"), `${label} Tab reaches the notes`);
    await page.keyboard.type(`Reported by keyboard ${label}`);
    check(await tabTo(page, () => document.activeElement?.type === "submit"), `${label} Tab reaches the submit button`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    const reportedId = new URL(page.url()).hash.replace("#outcome-", "");
    const list = (await admin("GET", `/investigations/${inv}/outcomes?limit=200`)).json.items;
    const reported = list.find((o) => o.id === reportedId);
    check(reported && reported.value === 7 && reported.indicator === "suspects_identified" && reported.lead_agency_id === lead, `${label} the outcome was reported (${JSON.stringify(reported && { v: reported.value, i: reported.indicator })})`);
    check(await tabTo(page, (id) => document.activeElement?.getAttribute?.("href") === `/outcomes/${id}/edit`, reportedId), `${label} Tab reaches "Revise"`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    check(await tabTo(page, () => document.activeElement?.id === "value"), `${label} Tab reaches the value to revise`);
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("8");
    await page.keyboard.press("Tab");
    check(await page.evaluate(() => document.activeElement?.id === "revision_reason"), `${label} the reason comes right after the value`);
    await page.keyboard.type(`Recounted ${label}`);
    check(await tabTo(page, () => document.activeElement?.type === "submit"), `${label} Tab reaches "Save changes"`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    check((await page.content()).includes("The outcome was saved."), `${label} the page says the outcome was saved`);
    const history = (await admin("GET", `/outcomes/${reportedId}/revisions`)).json.items;
    check(history.length === 1 && history[0].previous_value === 7 && history[0].new_value === 8 && history[0].reason === `Recounted ${label}`, `${label} the revision has its reason`);

    if (shots && js) {
      const w = label.split(" ")[0];
      for (const [name, path] of [["investigation", `/investigations/${inv}`], ["milestone-form", `/milestones/${overdue}/edit`], ["outcome-form", `/investigations/${inv}/outcomes/new`], ["revisions", `/outcomes/${outcome.id}/revisions`], ["delete", `/milestones/${overdue}/delete`]]) {
        await page.goto(base + path);
        await page.screenshot({ path: `${shots}/${name}-${w}.png`, fullPage: true });
        if (w === "360px") {
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          for (let y = 0, i = 0; y < height && i < 6; y += 700, i += 1) {
            await page.screenshot({ path: `${shots}/${name}-${w}-part${i}.png`, fullPage: true, clip: { x: 0, y, width: 360, height: Math.min(700, height - y) } });
          }
        }
      }
    }
    await page.close();
  });
} finally {
  await browser.close();
}

async function auditHere(page, label, js) {
  await audit(page, label, js);
}

check(axeRuns >= 20, `axe ran on every page visited (${axeRuns})`);
finish("work");
