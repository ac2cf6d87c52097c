// Browser tests of the administration pages: the first admin's first minutes in each of
// the four contexts (1280 and 360 px, JavaScript on and off): sign in with the bootstrap
// admin, create two agencies, a JPA, add both agencies, make it active through the
// confirmation, invite a liaison (and find the invitation mail), open the outbox and the
// audit log, run a reminder pass. axe-core on every administration page, no sideways
// scroll, the main form controls reachable with Tab. Runs first (alphabetical order):
// everything it makes has unique names, and the bootstrap admin is left as it was.
import { join } from "node:path";
import { adminEmail, adminPassword, apiAs, audit, axeRuns, base, check, eachContext, finish, inviteUser, launch, mailMatching, signIn, tokenFor, walk } from "./lib.mjs";

const run = Date.now().toString(36);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));
const PASSWORD = "browser-admin-passphrase-7";
const coChairEmail = `co-${run}@wg.example`;
await inviteUser(admin, { email: coChairEmail, display_name: `Co-chair ${run}`, role: "co_chair" }, PASSWORD);

const now = new Date();
const iso = (d) => d.toISOString().slice(0, 10);
const start = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1)));

const shots = process.env.SHOTS;
async function shoot(page, label, name) {
  if (!shots) return;
  await page.screenshot({ path: join(shots, `admin-${name}-${label.replace(/ /g, "-")}.png`), fullPage: true });
}

const path = (page) => new URL(page.url()).pathname + new URL(page.url()).search;

/// Clicks and waits for the page that follows.
async function go(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

/// Presses Tab from the top of the page until each of `names` (input names, or
/// `button:<text>`) had the focus; returns those never reached.
async function tabReaches(page, names, limit = 60) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  const missing = new Set(names);
  for (let i = 0; i < limit && missing.size > 0; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const e = document.activeElement;
      if (!e) return "";
      if (e.tagName === "BUTTON") return `button:${e.textContent.trim()}`;
      return e.getAttribute("name") || "";
    });
    missing.delete(focused);
  }
  return [...missing];
}

const browser = await launch();
let index = 0;
try {
  await eachContext(browser, async (context, label, javaScriptEnabled) => {
    index += 1;
    const s = `${run}-${index}`;
    const page = await context.newPage();
    await signIn(page, adminEmail, adminPassword, "/jpas");
    check(path(page) === "/jpas", `${label} the admin lands on the JPA list (${page.url()})`);
    check(await page.locator("main a[href='/admin/jpas/new']").count() === 1, `${label} the JPA list offers "New JPA"`);

    // Administration -> Agencies -> Create an agency, twice.
    await go(page, "nav.site-nav a[href='/admin']");
    check(path(page) === "/admin", `${label} "Administration" leads to the index`);
    await go(page, "main a[href='/admin/agencies']");
    const agencies = [`Royal Thai Police ${s}`, `Vietnam Immigration ${s}`];
    for (const [i, name] of agencies.entries()) {
      await go(page, "main a[href='/admin/agencies/new']");
      if (i === 0) {
        const unreached = await tabReaches(page, ["name", "country", "kind", "contact_email", "button:Create the agency"]);
        check(unreached.length === 0, `${label} Tab reaches every control of the agency form (missing ${unreached})`);
        // Rejected first: the messages at the fields, the input kept.
        await page.fill("input[name=name]", name);
        await go(page, "main form button[type=submit]");
        const text = await page.textContent("main");
        check(text.includes("Choose a country") && text.includes("Enter a contact email address"), `${label} the rejected agency form says what is missing`);
        check((await page.inputValue("input[name=name]")) === name, `${label} the rejected agency form keeps the name`);
        await shoot(page, label, "agency-error");
      }
      await page.fill("input[name=name]", name);
      await page.selectOption("select[name=country]", i === 0 ? "TH" : "VN");
      await page.selectOption("select[name=kind]", i === 0 ? "police" : "immigration");
      await page.fill("input[name=contact_email]", `desk-${s}@agency.example`);
      await go(page, "main form button[type=submit]");
      check(path(page) === "/admin/agencies?notice=agency-created", `${label} agency ${i + 1} created (${page.url()})`);
      check((await page.textContent("main")).includes(name), `${label} the list shows agency ${i + 1}`);
    }

    // The JPA, from the "New JPA" link of the JPA list.
    await page.goto(`${base}/jpas`);
    await go(page, "main a[href='/admin/jpas/new']");
    const unreached = await tabReaches(page, ["code", "name", "description", "start_date", "end_date", "is_exercise", "report_due_day", "reminder_days_before", "timezone", "button:Create the JPA"], 80);
    check(unreached.length === 0, `${label} Tab reaches every control of the JPA form (missing ${unreached})`);
    const code = `ADM-${s}`.toUpperCase();
    await page.fill("input[name=code]", code);
    await page.fill("input[name=name]", `Andaman Sea JPA ${s}`);
    await page.fill("textarea[name=description]", "Maritime smuggling routes across the Andaman Sea.");
    await page.fill("input[name=start_date]", start);
    await page.selectOption("select[name=timezone]", "Asia/Bangkok");
    await go(page, "main form button[type=submit]");
    const jpaPath = new URL(page.url()).pathname;
    check(/^\/admin\/jpas\/[0-9a-f-]{36}$/.test(jpaPath) && page.url().includes("notice=jpa-created"), `${label} JPA created (${page.url()})`);
    const jpaId = jpaPath.split("/").pop();
    for (const name of agencies) {
      const option = await page.locator("select[name=agency_id] option", { hasText: name }).getAttribute("value");
      await page.selectOption("select[name=agency_id]", option);
      await go(page, "form[action$='/agencies'] button[type=submit]");
      check(page.url().includes("notice=agency-added"), `${label} ${name} added`);
    }
    const participants = await page.textContent("#participants + table");
    check(agencies.every((a) => participants.includes(a)), `${label} both agencies take part`);
    await shoot(page, label, "jpa");

    // planning -> active, through the confirmation page.
    await go(page, `main a[href='/admin/jpas/${jpaId}/status']`);
    check((await page.textContent("h1")).includes(`Make ${code} active?`), `${label} the confirmation asks`);
    await shoot(page, label, "jpa-status");
    await go(page, "main form button[type=submit]");
    check(page.url().endsWith(`/admin/jpas/${jpaId}?notice=jpa-active`), `${label} the JPA is active (${page.url()})`);
    const jpa = await admin("GET", `/jpas/${jpaId}`);
    check(jpa.json && jpa.json.status === "active" && jpa.json.timezone === "Asia/Bangkok", `${label} the API shows the active JPA`);

    // Invite a liaison of the first agency; the mail carries the link to set a password.
    await page.goto(`${base}/admin/users/new`);
    const unreachedUser = await tabReaches(page, ["email", "display_name", "role", "agency_id", "button:Send the invitation"]);
    check(unreachedUser.length === 0, `${label} Tab reaches every control of the invitation form (missing ${unreachedUser})`);
    const liaisonEmail = `liaison-adm-${s}@th.example`;
    await page.fill("input[name=email]", liaisonEmail);
    await page.fill("input[name=display_name]", `Somchai ${s}`);
    await page.selectOption("select[name=role]", "liaison");
    const agencyOption = await page.locator("select[name=agency_id] option", { hasText: agencies[0] }).getAttribute("value");
    await page.selectOption("select[name=agency_id]", agencyOption);
    await go(page, "main form button[type=submit]");
    check(path(page) === "/admin/users?notice=user-invited", `${label} invited (${page.url()})`);
    check((await page.textContent("main")).includes(liaisonEmail), `${label} the users list shows the invitee`);
    let token = "";
    try {
      [, token] = await mailMatching(liaisonEmail, /set-password\?token=([A-Za-z0-9_-]+)/);
    } catch (e) {
      check(false, `${label} ${e.message}`);
    }
    check(token.length > 20, `${label} the invitation mail has its link`);
    const users = await admin("GET", "/users?limit=200");
    const liaison = users.json.items.find((u) => u.email === liaisonEmail);

    // The outbox: the invitation listed, never its body.
    await page.goto(`${base}/admin/emails`);
    const outbox = await page.content();
    check(outbox.includes(liaisonEmail) && outbox.includes("Your JPA coordination account"), `${label} the outbox lists the invitation`);
    check(!outbox.includes(token) && !outbox.includes("set-password") && !outbox.includes("An account was created for you"), `${label} the outbox shows no mail body`);
    const unreachedRun = await tabReaches(page, ["as_of", "button:Run the reminder pass", "status"]);
    check(unreachedRun.length === 0, `${label} Tab reaches the reminder form and the filter (missing ${unreachedRun})`);
    await go(page, "form[action='/admin/reminders'] button[type=submit]");
    check(page.url().includes("/admin/emails?notice=reminders-ran"), `${label} the reminder pass ran (${page.url()})`);
    const ran = await page.textContent(".adm-reminders");
    check(ran.includes("The reminder pass ran") && /\d+ "due soon" reminders? queued/.test(ran) && /co-chair digests? queued/.test(ran), `${label} the pass's counts are shown`);
    await shoot(page, label, "emails");

    // The audit log, filtered with its form.
    await page.goto(`${base}/audit`);
    const log = await page.textContent("main");
    check(["agency.create", "jpa.create", "participation.create", "jpa.update", "user.create", "reminders.run"].every((a) => log.includes(a)), `${label} the audit log shows the changes`);
    await page.fill("input[name=entity_type]", "jpa");
    await page.fill("input[name=entity_id]", jpaId);
    await go(page, "form[action='/audit'] button[type=submit]");
    const filtered = await page.textContent("main");
    check(filtered.includes("jpa.create") && filtered.includes("jpa.update") && !filtered.includes("agency.create"), `${label} the audit filter keeps the JPA's events only`);
    await shoot(page, label, "audit");

    const agencyList = await admin("GET", "/agencies?limit=200");
    const agencyId = agencyList.json.items.find((a) => a.name === agencies[0]).id;
    const pages = [
      ["/admin", "index"],
      ["/admin/users", "users"],
      ["/admin/users/new", "user-new"],
      [`/admin/users/${liaison.id}/edit`, "user-edit"],
      ["/admin/agencies", "agencies"],
      ["/admin/agencies/new", "agency-new"],
      [`/admin/agencies/${agencyId}/edit`, "agency-edit"],
      ["/admin/jpas", "jpas"],
      ["/admin/jpas/new", "jpa-new"],
      [jpaPath, "jpa-active"],
      [`${jpaPath}/edit`, "jpa-edit"],
      [`${jpaPath}/status`, "jpa-close"],
      ["/admin/emails", "emails-list"],
      ["/admin/emails?status=sent", "emails-sent"],
      ["/audit", "audit-all"],
      [`/audit?entity_type=jpa&entity_id=${jpaId}`, "audit-jpa"],
      ["/audit?from=yesterday", "audit-bad-filter"],
    ];
    await page.close();
    await walk(context, `${label} admin`, pages.map(([p]) => p), javaScriptEnabled, { "/audit?from=yesterday": 400 });
    if (shots) {
      const p = await context.newPage();
      for (const [url, name] of pages) {
        await p.goto(base + url);
        await shoot(p, label, name);
      }
      await p.close();
    }
    // A rejected form's page (422) passes axe too.
    const bad = await context.newPage();
    await bad.goto(`${base}/admin/jpas/new`);
    await bad.fill("input[name=code]", "has spaces");
    await bad.fill("input[name=start_date]", "someday");
    await go(bad, "main form button[type=submit]");
    check((await bad.textContent("main")).includes("Enter a date as year-month-day"), `${label} the rejected JPA form says why`);
    await audit(bad, `${label} rejected JPA form`, javaScriptEnabled);
    await shoot(bad, label, "jpa-error");
    // Close the JPA (the later tests' reminder passes then leave it alone): the
    // confirmation, then a read-only page.
    await bad.goto(`${base}${jpaPath}/status`);
    check((await bad.textContent("h1")).includes(`Close ${code}?`), `${label} closing asks first`);
    await go(bad, "main form button[type=submit]");
    check(bad.url().endsWith(`${jpaPath}?notice=jpa-closed`), `${label} the JPA is closed (${bad.url()})`);
    check(await bad.locator("main form").count() === 0, `${label} a closed JPA's page has no forms`);
    await audit(bad, `${label} closed JPA`, javaScriptEnabled);
    await shoot(bad, label, "jpa-closed");
    await bad.close();
    await context.clearCookies();

    // A co-chair: agencies, JPAs and the audit log; not users or the outbox.
    const co = await context.newPage();
    await signIn(co, coChairEmail, PASSWORD, "/admin");
    check(path(co) === "/admin", `${label} the co-chair lands on the index`);
    const coIndex = await co.textContent("main");
    check(coIndex.includes("Agencies") && coIndex.includes("Audit log") && !coIndex.includes("Outbox"), `${label} the co-chair's index lists the co-chair's pages`);
    await co.close();
    await walk(context, `${label} co-chair`, ["/admin", "/admin/agencies", "/admin/jpas", jpaPath, "/audit", "/admin/users", "/admin/emails"], javaScriptEnabled, { "/admin/users": 403, "/admin/emails": 403 });
    await context.clearCookies();
  });
} finally {
  await browser.close();
}
check(axeRuns >= 2 * (17 + 2 + 7), `axe ran on every page visited (${axeRuns})`);
finish("admin");
