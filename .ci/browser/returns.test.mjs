// Browser tests of the JPA page, the monthly returns and compliance: as a liaison and as
// an admin, in the four contexts (1280 and 360 px, JavaScript on and off) with axe-core
// on every page; and a return saved as a draft, then submitted through the confirmation
// page, with JavaScript off. Sets up its own data through the JSON API.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { adminEmail, adminPassword, apiAs, axeRuns, base, check, eachContext, finish, launch, mailDir, signIn, tokenFor, walk } from "./lib.mjs";

const PASSWORD = "browser-returns-passphrase-9";
const run = Date.now().toString(36);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));

function iso(d) {
  return d.toISOString().slice(0, 10);
}
function periodOf(d) {
  return iso(d).slice(0, 7);
}
const now = new Date();
const monthStart = (offset) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
const start = monthStart(-4);
const period = (offset) => periodOf(monthStart(offset));
// A period as the English pages write it ("March 2026").
const periodName = (offset) =>
  monthStart(offset).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

async function must(r, what) {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}

/// The set-password token of the invitation mailed to `email` (file transport).
async function invitationToken(email) {
  for (let i = 0; i < 100; i += 1) {
    for (const name of readdirSync(mailDir, { withFileTypes: true }).filter((f) => f.isFile())) {
      const raw = readFileSync(join(mailDir, name.name), "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (raw.includes(email) && raw.includes("token=")) {
        return raw.match(/token=([A-Za-z0-9_-]+)/)[1];
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no invitation mail to ${email}`);
}

async function user(email, role, agencyId) {
  await must(await admin("POST", "/users", { locale: "en", email, display_name: `${role} ${run}`, role, agency_id: agencyId }), `user ${email}`);
  const token = await invitationToken(email);
  await must(await apiAs(null)("POST", "/auth/password-reset/confirm", { token, new_password: PASSWORD }), "set password");
}

const agencyA = (await must(await admin("POST", "/agencies", { name: `Royal Thai Police ${run}`, country: "TH", kind: "police", contact_email: "desk@th.example" }), "agency")).id;
const agencyB = (await must(await admin("POST", "/agencies", { name: `Vietnam Immigration ${run}`, country: "VN", kind: "immigration", contact_email: "desk@vn.example" }), "agency")).id;
const jpa = (await must(await admin("POST", "/jpas", { code: `JPA-R${run}`, name: "Returns browser JPA", start_date: iso(start), status: "active" }), "jpa")).id;
for (const a of [agencyA, agencyB]) {
  await must(await admin("PUT", `/jpas/${jpa}/agencies/${a}`, { joined_on: iso(start) }), "participation");
}
const liaisonEmail = `liaison-${run}@th.example`;
await user(liaisonEmail, "liaison", agencyA);
const liaison = apiAs(await tokenFor(liaisonEmail, PASSWORD));
const inv = (await must(await liaison("POST", `/jpas/${jpa}/investigations`, { reference: `TH-${run}`, title: "Andaman boat network", crime_types: ["people_smuggling"] }), "investigation")).id;
await must(await admin("PUT", `/investigations/${inv}/partners/${agencyB}`), "partner");
const day = (n) => iso(new Date(Date.now() + n * 86400000));
await must(await liaison("POST", `/investigations/${inv}/milestones`, { kind: "mla_request", title: "Send the MLA request", due_on: day(-3) }), "milestone");
await must(await liaison("POST", `/investigations/${inv}/milestones`, { kind: "joint_operation", title: "Joint boarding at Ranong", due_on: day(12) }), "milestone");
// A submitted return (its read-only page) and a draft (its confirmation page).
const submitted = period(-4);
await must(await liaison("PUT", `/jpas/${jpa}/returns/${submitted}`, { narrative: "Two raids; one vessel seized.", nil_return: false }), "draft");
await must(await liaison("POST", `/jpas/${jpa}/returns/${submitted}/submit`, {}), "submit");
const draft = period(0);
await must(await liaison("PUT", `/jpas/${jpa}/returns/${draft}`, { narrative: "Work in progress", nil_return: false }), "draft");
// The periods the no-JavaScript contexts file by hand, one each.
const byHand = { "1280px no-js": period(-3), "360px no-js": period(-2) };

const shots = process.env.SHOTS;
async function shoot(context, label, path, name) {
  if (!shots) return;
  const page = await context.newPage();
  await page.goto(base + path);
  await page.screenshot({ path: join(shots, `${name}-${label.replace(/ /g, "-")}.png`), fullPage: true });
  await page.close();
}

const browser = await launch();
try {
  await eachContext(browser, async (context, label, javaScriptEnabled) => {
    const page = await context.newPage();
    await signIn(page, liaisonEmail, PASSWORD, `/jpas/${jpa}`);
    check(new URL(page.url()).pathname === `/jpas/${jpa}`, `${label} liaison lands on the JPA page`);
    const text = await page.textContent("main");
    check(text.includes("Send the MLA request") && text.includes("Overdue"), `${label} overdue milestone listed`);
    check(text.includes(`Return for ${periodName(-2)}`) && text.includes("Missing"), `${label} missing return listed`);
    const achieve = await page.locator("form[action^='/milestones/'] input[name=next]").count();
    check(achieve === 2, `${label} one mark-achieved form per milestone (${achieve})`);
    await page.close();
    await walk(context, `${label} liaison`, [
      `/jpas/${jpa}`,
      `/jpas/${jpa}/returns`,
      `/jpas/${jpa}/returns/${period(-1)}`,
      `/jpas/${jpa}/returns/${submitted}`,
      `/jpas/${jpa}/returns/${draft}/submit`,
      `/jpas/${jpa}/compliance`,
    ], javaScriptEnabled);
    for (const [path, name] of [[`/jpas/${jpa}`, "jpa-liaison"], [`/jpas/${jpa}/returns`, "returns"], [`/jpas/${jpa}/returns/${period(-1)}`, "form"], [`/jpas/${jpa}/returns/${submitted}`, "submitted"], [`/jpas/${jpa}/returns/${draft}/submit`, "confirm"], [`/jpas/${jpa}/compliance`, "compliance-liaison"]]) {
      await shoot(context, label, path, name);
    }

    if (!javaScriptEnabled) {
      // Save a draft, then submit it through the confirmation page: no JavaScript.
      const p = byHand[label];
      const form = await context.newPage();
      await form.goto(`${base}/jpas/${jpa}/returns/${p}`);
      await form.fill("textarea[name=narrative]", `Filed by hand (${label})`);
      await Promise.all([form.waitForNavigation(), form.click("button[name=intent][value=draft]")]);
      check(form.url().endsWith(`/returns/${p}?notice=saved`), `${label} draft saved (${form.url()})`);
      check((await form.inputValue("textarea[name=narrative]")) === `Filed by hand (${label})`, `${label} draft kept`);
      await form.check("input[name=nil_return]");
      await Promise.all([form.waitForNavigation(), form.click("button[name=intent][value=submit]")]);
      check(new URL(form.url()).pathname === `/jpas/${jpa}/returns/${p}/submit`, `${label} confirmation asked (${form.url()})`);
      check((await form.textContent("main")).includes(`Filed by hand (${label})`), `${label} confirmation shows the return`);
      await Promise.all([form.waitForNavigation(), form.click("main form button[type=submit]")]);
      check(form.url().endsWith(`/returns/${p}?notice=submitted`), `${label} submitted (${form.url()})`);
      const after = await form.textContent("main");
      check(after.includes("Submitted late") && after.includes("Submitted at"), `${label} submitted state shown`);
      check((await form.locator("textarea").count()) === 0, `${label} read-only once submitted`);
      await form.close();
      const api = await liaison("GET", `/jpas/${jpa}/returns?period=${p}`);
      const row = api.json && api.json.items[0];
      check(row && row.status === "submitted" && row.nil_return === true && row.narrative === `Filed by hand (${label})`, `${label} the API shows the submitted return`);
    }

    await context.clearCookies();
    const adminPage = await context.newPage();
    await signIn(adminPage, adminEmail, adminPassword, `/jpas/${jpa}`);
    check(/Month \d+ of \d+/.test(await adminPage.textContent("main")) && (await adminPage.textContent("h1")).includes("Dashboard"), `${label} admin sees the dashboard`);
    await adminPage.close();
    await walk(context, `${label} admin`, [
      `/jpas/${jpa}`,
      `/jpas/${jpa}/returns`,
      `/jpas/${jpa}/returns?agency_id=${agencyA}`,
      `/jpas/${jpa}/returns/${period(-1)}?agency_id=${agencyB}`,
      `/jpas/${jpa}/compliance`,
    ], javaScriptEnabled);
    for (const [path, name] of [[`/jpas/${jpa}`, "jpa-admin"], [`/jpas/${jpa}/returns?agency_id=${agencyA}`, "returns-admin"], [`/jpas/${jpa}/compliance`, "compliance-admin"]]) {
      await shoot(context, label, path, name);
    }
    await context.clearCookies();
  });
} finally {
  await browser.close();
}
check(axeRuns >= 22, `axe ran on every page visited (${axeRuns})`);
finish("returns");
