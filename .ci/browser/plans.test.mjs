// The forward work plan in the browser: every plan page for each role at 1280 and 360 px,
// with and without JavaScript (axe at 0 serious or critical, no sideways scroll); a
// co-chair adds an action item and a meeting, records a status and marks the meeting
// held, all by keyboard; a liaison registers its country's interest by keyboard; the
// held meeting's table stays as tabled after a later interest; the compendium across
// JPAs filters by GET and prints one case per page.
import {
  adminEmail, adminPassword, apiAs, base, check, eachContext, finish, inviteUser, launch,
  signIn, tokenFor, walk,
} from "./lib.mjs";

const admin = apiAs(await tokenFor(adminEmail, adminPassword));
const run = Date.now().toString(36);
const password = "a-long-passphrase-for-the-plan";
async function must(call, method, path, body) {
  const r = await call(method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

const agency = await must(admin, "POST", "/agencies", { name: `Plan police ${run}`, country: "TH", kind: "police", contact_email: `plan-${run}@police.example` });
const partner = await must(admin, "POST", "/agencies", { name: `Plan immigration ${run}`, country: "ID", kind: "immigration", contact_email: `plan-${run}@imm.example` });
const jpa = await must(admin, "POST", "/jpas", { code: `PLAN-${run}`, name: `Plan JPA ${run}`, start_date: `${year}-01-01`, status: "active" });
for (const a of [agency, partner]) await must(admin, "PUT", `/jpas/${jpa.id}/agencies/${a.id}`, { joined_on: `${year}-01-01` });
const people = {};
for (const [role, agencyId, extra] of [["co_chair", null, {}], ["liaison", agency.id, {}], ["observer", null, { organisation: "UNODC" }]]) {
  const email = `${role.replace("_", "-")}-${run}@plan.example`;
  await inviteUser(admin, { email, display_name: `Plan ${role}`, role, ...(agencyId ? { agency_id: agencyId } : {}), ...extra }, password);
  people[role] = email;
}
const chair = apiAs(await tokenFor(people.co_chair, password));
const liaison = apiAs(await tokenFor(people.liaison, password));
// A closed cross-border case for the compendium.
const inv = await must(liaison, "POST", `/jpas/${jpa.id}/investigations`, {
  reference: `PL-${run}`, title: `Andaman crossing ${run}`, crime_types: ["people_smuggling"], opened_on: `${year}-01-10`, modus_operandi: ["maritime"],
});
await must(liaison, "PUT", `/investigations/${inv.id}/partners/${partner.id}`);
const invNow = await liaison("GET", `/investigations/${inv.id}`);
const closed = await liaison("PATCH", `/investigations/${inv.id}`, {
  status: "closed", closed_on: today, include_in_compendium: true,
  compendium: { facts: "Boats at night", elements_of_success: "A joint team", challenges: "Evidence abroad" },
}, { "if-match": `"${invNow.json.version}"` });
check(closed.status === 200, `case closed (${closed.status} ${closed.text})`);

const plan = await must(chair, "POST", "/work-plans", {
  title: `Forward Work Plan ${run}`, first_year: year - 1, last_year: year + 1, objectives: "Work together.",
  priorities: [{ number: 1, text: "A compendium of cases" }, { number: 2, text: "A 12-month JPA" }],
});
const item = await must(chair, "POST", `/work-plans/${plan.id}/action-items`, { number: "1", text: "Compile the compendium", priority_numbers: [1] });
const meeting = await must(chair, "POST", `/work-plans/${plan.id}/meetings`, { held_on: today, place: "Bangkok" });

const browser = await launch();
const pages = [
  "/work-plans", `/work-plans/${plan.id}`, `/action-items/${item.id}`, `/meetings/${meeting.id}`,
];
await eachContext(browser, async (context, label, js) => {
  const page = await context.newPage();
  for (const [role, email] of Object.entries(people)) {
    await signIn(page, email, password, "/work-plans");
    const extra = role === "liaison" ? [] : ["/compendium", "/compendium?crime_type=people_smuggling&country=ID"];
    await walk(context, `${label} ${role}`, [...pages, ...extra], js);
    await page.context().clearCookies();
  }
  await page.close();
});

// By keyboard, without JavaScript: the co-chair adds an item (linked to the JPA) and a
// meeting; the liaison registers Thailand's interest; the co-chair records a status and
// holds the meeting.
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
const page = await context.newPage();
async function typeInto(selector, text) {
  await page.focus(selector);
  await page.keyboard.type(text);
}
async function submitWith(selector) {
  await page.focus(selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
}
await signIn(page, people.co_chair, password, `/work-plans/${plan.id}`);
await typeInto("#number", "2");
await typeInto("#text", "Run a 12-month JPA");
await page.focus("#prio-2");
await page.keyboard.press("Space");
await page.focus(`input[name=jpa_ids][value="${jpa.id}"]`);
await page.keyboard.press("Space");
await submitWith("form[action$='/action-items'] button[type=submit]");
check(page.url().includes("notice=item-added"), `item added by keyboard (${page.url()})`);
check((await page.textContent("#items + .table-scroll")).includes(`PLAN-${run}`), "the item shows its JPA");
const nextDay = new Date(Date.now() + 40 * 86400 * 1000).toISOString().slice(0, 10);
await page.fill("#held_on", nextDay);
await typeInto("#place", "Bali");
await submitWith("form[action$='/meetings'] button[type=submit]");
check(new URL(page.url()).pathname.startsWith("/meetings/"), `meeting added (${page.url()})`);
const second = new URL(page.url()).pathname.split("/")[2];

await page.context().clearCookies();
await signIn(page, people.liaison, password, `/action-items/${item.id}`);
check((await page.textContent("main")).includes("Thailand"), "the liaison speaks for Thailand");
await page.focus("#role-lead");
await page.keyboard.press("Space");
await typeInto("#note", "We will host");
await submitWith("form[action$='/interests'] button[type=submit]");
check(page.url().includes("notice=interest-recorded"), `interest registered (${page.url()})`);

await page.context().clearCookies();
await signIn(page, people.co_chair, password, `/meetings/${meeting.id}`);
await page.selectOption("#action_item_id", item.id);
await page.selectOption("#status", "in_progress");
await typeInto("#timeframe", `${year + 1}-Q2`);
await submitWith("form[action$='/status-updates'] button[type=submit]");
check(page.url().includes("notice=status-recorded"), `status recorded (${page.url()})`);
await submitWith("form[action$='/held'] button[type=submit]");
check(page.url().includes("notice=meeting-held"), `meeting held (${page.url()})`);
const tabled = await page.textContent("#table");
check(tabled.includes("Thailand") && tabled.includes(`Q2 ${year + 1}`), "the held table shows the interest and the status");

// Later: another interest. The held meeting's table is unchanged; the next shows it.
await must(chair, "POST", `/action-items/${item.id}/interests`, { member: { organisation: "IOM" }, role: "support" });
await page.reload();
check((await page.textContent("#table")) === tabled, "the held meeting's table is as tabled");
await page.goto(`${base}/meetings/${second}`);
const changes = await page.textContent("main");
check(changes.includes("IOM registered interest"), "the next meeting lists the new interest");

// The compendium, printed: one case per page.
await page.goto(`${base}/compendium?country=ID`);
check((await page.textContent("main")).includes(`Andaman crossing ${run}`), "the cross-border case is in the compendium");
await page.emulateMedia({ media: "print" });
const breaks = await page.$$eval(".comp-case", (cases) => cases.map((c) => getComputedStyle(c).breakBefore || getComputedStyle(c).pageBreakBefore));
check(breaks.length >= 1 && breaks.every((b) => b === "page" || b === "always"), `one case per printed page (${breaks})`);
await context.close();
await browser.close();
finish("plans");
