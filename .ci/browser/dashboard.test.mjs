// Browser tests of the dashboard, its print view, the compendium page and the exports,
// as a co-chair, an observer and a liaison, in the four contexts (1280 and 360 px,
// JavaScript on and off) with axe-core on every page. The figures on the page are held to
// the progress document of the JSON API for the same as_of; an observer's pages are
// searched for any investigation id, title or reference; the print view is printed to
// PDF by Chromium (A4) and the PDF read back with pdf.js; the as-of picker is driven by
// keyboard alone. Sets up its own data through the JSON API.
import { adminEmail, adminPassword, apiAs, axeRuns, base, check, eachContext, finish, inviteUser, launch, signIn, tokenFor, walk } from "./lib.mjs";

const PASSWORD = "browser-dashboard-passphrase-4";
const run = Date.now().toString(36);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));

const iso = (d) => d.toISOString().slice(0, 10);
const now = new Date();
const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 5, 1));
const day = (n) => iso(new Date(Date.now() + n * 86400000));

async function must(r, what) {
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}

const agency = async (name, country, kind) =>
  (await must(await admin("POST", "/agencies", { name: `${name} ${run}`, country, kind, contact_email: `desk@${country.toLowerCase()}.example` }), "agency")).id;
const th = await agency("Royal Thai Police", "TH", "police");
const vn = await agency("Vietnam Immigration", "VN", "immigration");
const my = await agency("Royal Malaysia Police", "MY", "police");
const code = `JPA-D${run}`;
const jpa = (await must(await admin("POST", "/jpas", { code, name: "Dashboard browser JPA", start_date: iso(start), status: "active", is_exercise: true }), "jpa")).id;
for (const a of [th, vn, my]) await must(await admin("PUT", `/jpas/${jpa}/agencies/${a}`, { joined_on: iso(start) }), "participation");

const coEmail = `co-${run}@wg.example`;
const obsEmail = `obs-${run}@unodc.example`;
const thEmail = `liaison-th-${run}@th.example`;
const vnEmail = `liaison-vn-${run}@vn.example`;
await inviteUser(admin, { email: coEmail, display_name: "Co-chair Dash", role: "co_chair" }, PASSWORD);
await inviteUser(admin, { email: obsEmail, display_name: "Observer Dash", role: "observer" }, PASSWORD);
await inviteUser(admin, { email: thEmail, display_name: "Liaison TH", role: "liaison", agency_id: th }, PASSWORD);
await inviteUser(admin, { email: vnEmail, display_name: "Liaison VN", role: "liaison", agency_id: vn }, PASSWORD);
const lth = apiAs(await tokenFor(thEmail, PASSWORD));
const lvn = apiAs(await tokenFor(vnEmail, PASSWORD));

const leg = (country, kind, mode) => ({ country, place: "", kind, mode });
const opened = iso(new Date(start.getTime() + 3 * 86400000));
const investigations = [];
async function investigation(call, body) {
  const made = await must(await call("POST", `/jpas/${jpa}/investigations`, { opened_on: opened, ...body }), "investigation");
  investigations.push(made);
  return made.id;
}
const x = await investigation(lth, { reference: `TH-X-${run}`, title: `Andaman boat network ${run}`, crime_types: ["people_smuggling"],
  route_legs: [leg("LK", "departure", "sea"), leg("ID", "transit", "sea"), leg("AU", "destination", "sea")] });
const y = await investigation(lvn, { reference: `VN-Y-${run}`, title: `Hidden border ring ${run}`, crime_types: ["trafficking_in_persons"], sensitivity: "restricted",
  route_legs: [leg("MM", "recruitment", "land"), leg("TH", "exploitation", "land")] });
await investigation(lth, { reference: `TH-Z-${run}`, title: `Closed compendium case ${run}`, crime_types: ["people_smuggling"], status: "closed", closed_on: day(-30),
  include_in_compendium: true, compendium: { facts: "Forty migrants on a fishing boat.", elements_of_success: "Joint patrols.", challenges: "Evidence abroad." } });
await must(await lth("PUT", `/investigations/${x}/partners/${vn}`), "partner");
for (const [call, inv, indicator, value, status, when] of [
  [lth, x, "arrests", 12, "confirmed", -40], [lth, x, "arrests", 3, "provisional", -10],
  [lth, x, "victims_identified", 9, "confirmed", -70], [lvn, y, "victims_identified", 2, "provisional", -40],
]) {
  await must(await call("POST", `/investigations/${inv}/outcomes`, { indicator, value, occurred_on: day(when), status }), "outcome");
}
await must(await lth("POST", `/investigations/${x}/milestones`, { kind: "mla_request", title: "Send the MLA request", due_on: day(-20) }), "milestone");
const achieved = await must(await lth("POST", `/investigations/${x}/milestones`, { kind: "arrests", title: "Arrest the captain", due_on: day(-45) }), "milestone");
await must(await lth("PATCH", `/milestones/${achieved.id}`, { status: "achieved", achieved_on: day(-44) }, { "If-Match": `"${achieved.version}"` }), "achieve");
const lastMonth = iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1))).slice(0, 7);
await must(await lth("PUT", `/jpas/${jpa}/returns/${lastMonth}`, { narrative: "Two arrests.", nil_return: false }), "return");
await must(await lth("POST", `/jpas/${jpa}/returns/${lastMonth}/submit`), "submit");

const secrets = investigations.flatMap((i) => [i.id, i.title, i.reference]);
const dash = `/jpas/${jpa}/progress`;

/// Every [data-figure] of the open page equals the progress document's figure.
async function compareFigures(page, doc, label) {
  const shown = await page.$$eval("[data-figure]", (els) => els.map((e) => [e.dataset.figure, e.textContent.trim()]));
  const lookup = (path) => {
    const parts = path.split(".");
    let v = doc;
    while (parts.length && v !== undefined) {
      const p = parts.shift();
      if (p === "by_agency") { const id = parts.shift(); v = v.by_agency.find((a) => a.agency_id === id); }
      else if (p === "by_month") { const period = parts.shift(); v = v.by_month.find((m) => m.period === period); }
      else v = v[p];
    }
    return v === undefined || v === null ? 0 : v;
  };
  let bad = 0;
  for (const [path, text] of shown) {
    const expected = String(lookup(path)).toLowerCase();
    const got = text.replace(/,/g, "").toLowerCase();
    if (got !== expected) {
      bad += 1;
      if (bad < 5) console.log(`  ${label}: ${path} shows ${got}, document ${expected}`);
    }
  }
  check(shown.length > 100, `${label}: the page shows the document's figures (${shown.length})`);
  check(bad === 0, `${label}: every figure equals the progress document (${bad} differ)`);
  for (const key of ["investigations.total", "milestones.overdue", "returns.on_time", "outcomes.arrests.total"]) {
    check(shown.some(([p]) => p === key), `${label}: ${key} is on the page`);
  }
}

const browser = await launch();

// The figures, for a co-chair (as of a chosen day and today) and an observer.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  for (const [email, query] of [[coEmail, `?as_of=${day(-15)}`], [coEmail, ""], [obsEmail, ""], [thEmail, ""]]) {
    await signIn(page, email, PASSWORD, dash + query);
    const doc = (await apiAs(await tokenFor(email, PASSWORD))("GET", `/jpas/${jpa}/progress${query}`)).json;
    await compareFigures(page, doc, `${email.split("-")[0]} ${query || "today"}`);
    const charts = await page.$$eval("svg.chart-svg", (svgs) => svgs.map((s) => [s.getAttribute("role"), s.querySelector("title")?.textContent, s.querySelector("desc")?.textContent]));
    check(charts.length >= 5 && charts.every(([role, title, desc]) => role === "img" && title && desc), `${email}: every chart has a title and a description (${charts.length})`);
    await context.clearCookies();
  }
  // The observer's pages carry no investigation: checked in the HTML source.
  await signIn(page, obsEmail, PASSWORD, `/jpas/${jpa}`);
  for (const path of ["/jpas", `/jpas/${jpa}`, dash, `${dash}/print`, `/jpas/${jpa}/compendium`, `/jpas/${jpa}/compendium.md`, "/me"]) {
    const r = await page.request.get(base + path);
    const html = await r.text();
    check(r.status() === 200, `observer ${path} answers 200 (${r.status()})`);
    const leaked = secrets.filter((s) => html.includes(s));
    check(leaked.length === 0, `observer ${path}: no investigation id, title or reference (${leaked.join(", ")})`);
    check(!html.includes("/investigations/"), `observer ${path}: no link to an investigation`);
  }
  await context.close();
}

// Every page in the four contexts, axe at 0 serious or critical, no sideways scroll.
await eachContext(browser, async (context, label, js) => {
  const page = await context.newPage();
  await signIn(page, coEmail, PASSWORD, dash);
  await walk(context, `${label} co-chair`, [`/jpas/${jpa}`, dash, `${dash}?sort=returns_missing&dir=desc`, `${dash}/print`, `/jpas/${jpa}/compendium`, `/jpas/${jpa}/compliance`], js);
  await walk(context, `${label} co-chair`, [`${dash}?as_of=not-a-day`], js, { [`${dash}?as_of=not-a-day`]: 422 });
  await context.clearCookies();
  await signIn(page, obsEmail, PASSWORD, dash);
  await walk(context, `${label} observer`, [`/jpas/${jpa}`, dash, `${dash}/print`, `/jpas/${jpa}/compendium`], js);
  await context.clearCookies();
  await signIn(page, thEmail, PASSWORD, dash);
  await walk(context, `${label} liaison`, [dash, `${dash}/print`], js);
  await page.close();
});

// Keyboard alone: Tab to the as-of field, type a day, Enter; then sort a column by keyboard.
{
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, coEmail, PASSWORD, dash);
  let reached = false;
  for (let i = 0; i < 40 && !reached; i += 1) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === "as_of");
  }
  check(reached, "keyboard: Tab reaches the as-of field");
  const target = day(-20);
  const [y4, m2, d2] = target.split("-");
  // Chromium's date field takes the digits in the locale's order (en-US: month, day, year).
  await page.keyboard.type(`${m2}${d2}${y4}`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  check(page.url().includes(`as_of=${target}`), `keyboard: Enter shows the figures as of ${target} (${page.url()})`);
  check((await page.textContent("h1")).includes("Dashboard"), "keyboard: still the dashboard");
  const focusVisible = await page.evaluate(() => {
    const link = [...document.querySelectorAll("thead a")].find((a) => a.textContent.includes("Missing"));
    link.focus();
    return getComputedStyle(link).outlineStyle !== "none" || getComputedStyle(link).boxShadow !== "none";
  });
  check(focusVisible, "keyboard: a sort link shows its focus");
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  check(page.url().includes("sort=returns_missing"), "keyboard: Enter on a column heading sorts by it");
  await context.close();
}

// The annual-meeting print view, printed to PDF by Chromium on A4 and read back.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, coEmail, PASSWORD, `${dash}/print`);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: true }).promise;
  let text = "";
  for (let n = 1; n <= document.numPages; n += 1) {
    const content = await (await document.getPage(n)).getTextContent();
    text += content.items.map((i) => i.str).join(" ") + "\n";
  }
  check(document.numPages >= 2 && document.numPages <= 20, `print: a sane number of A4 pages (${document.numPages})`);
  const first = await (await document.getPage(1)).getViewport({ scale: 1 });
  check(Math.abs(first.width - 595) < 3 && Math.abs(first.height - 842) < 3, `print: A4 (${Math.round(first.width)} x ${Math.round(first.height)} pt)`);
  for (const part of [code, "Exercise: this JPA is a simulation", "Figures as of", "Monthly returns", "By agency", "Routes", "Arrests", `Royal Thai Police ${run}`]) {
    check(text.includes(part), `print: the PDF has "${part}"`);
  }
  check(!text.includes("Sign out") && !text.includes("Show figures"), "print: no navigation or form in the PDF");
  // The compendium prints one case per page.
  await page.goto(`${base}/jpas/${jpa}/compendium`);
  const comp = await page.pdf({ format: "A4" });
  const compDoc = await pdfjs.getDocument({ data: new Uint8Array(comp), useSystemFonts: true }).promise;
  check(compDoc.numPages >= 2, `print: the compendium's case starts a page of its own (${compDoc.numPages} pages)`);
  await context.close();
}

// Exports: the four CSVs download from the dashboard's buttons, as the API serves them.
{
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, coEmail, PASSWORD, `/jpas/${jpa}`);
  const coApi = apiAs(await tokenFor(coEmail, PASSWORD));
  for (const kind of ["investigations", "milestones", "outcomes", "returns"]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`a[href$="/export/${kind}.csv"]`)]);
    check(download.suggestedFilename() === `${code}-${kind}.csv`, `export ${kind}: named ${download.suggestedFilename()}`);
    const { readFileSync } = await import("node:fs");
    const body = readFileSync(await download.path(), "utf8");
    const api = await coApi("GET", `/jpas/${jpa}/export/${kind}.csv`);
    check(body === api.text, `export ${kind}: the page's file is the API's`);
  }
  await context.close();
}

await browser.close();
check(axeRuns > 0, "axe ran");
finish("dashboard");
