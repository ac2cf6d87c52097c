// Browser tests of the investigation pages: the list (with filters), the create and edit
// forms, partners and links, in the four contexts (1280 and 360 px, JavaScript on and
// off) with axe-core on each; a partner liaison's and an unrelated liaison's answers;
// and one investigation created with two route legs through the form with JavaScript off
// (fill and click), checked through the JSON API. Set SHOTS=<dir> for screenshots.
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { adminEmail, adminPassword, apiAs, axeRuns, base, check, eachContext, finish, launch, mailDir, signIn, tokenFor, walk } from "./lib.mjs";

const PASSWORD = "inv-browser-lantern-orbit-42";
const stamp = Date.now().toString(36);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));

async function must(answer, what) {
  const r = await answer;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
  return r.json;
}

/// The set-password token of the newest mail to `email` in the mail folder.
async function mailToken(email) {
  for (let i = 0; i < 150; i += 1) {
    let files = [];
    try { files = readdirSync(mailDir); } catch { /* not there yet */ }
    for (const f of files) {
      const raw = readFileSync(`${mailDir}/${f}`, "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (!raw.includes(email)) continue;
      const m = raw.match(/token=([A-Za-z0-9_-]+)/);
      if (m) return m[1];
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${email}`);
}

async function user(role, agencyId) {
  const email = `${role}-${stamp}-${Math.random().toString(36).slice(2, 7)}@browser.example`;
  await must(admin("POST", "/users", { locale: "en", email, display_name: `${role.replace("_", " ")} ${stamp}`, role, ...(agencyId ? { agency_id: agencyId } : {}) }), `user ${email}`);
  const token = await mailToken(email);
  await must(apiAs(null)("POST", "/auth/password-reset/confirm", { token, new_password: PASSWORD }), `password of ${email}`);
  return email;
}

// A JPA that started three months ago, with agencies A (lead), B (partner) and C.
const now = new Date();
const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 3, 1)).toISOString().slice(0, 10);
const agency = async (name, country) =>
  (await must(admin("POST", "/agencies", { name: `${name} ${stamp}`, country, kind: "police", contact_email: "desk@agency.example" }), name)).id;
const a = await agency("Royal Thai Police", "TH");
const b = await agency("Vietnam Immigration", "VN");
const c = await agency("Cambodian Police", "KH");
const jpa = (await must(admin("POST", "/jpas", { code: `INV-${stamp}`, name: "Investigations browser JPA", start_date: start, status: "active" }), "jpa")).id;
for (const id of [a, b, c]) await must(admin("PUT", `/jpas/${jpa}/agencies/${id}`, { joined_on: start }), "participation");
const liaisonA = await user("liaison", a);
const liaisonB = await user("liaison", b);
const liaisonC = await user("liaison", c);
const coChair = await user("co_chair");
const asA = apiAs(await tokenFor(liaisonA, PASSWORD));
const asC = apiAs(await tokenFor(liaisonC, PASSWORD));
const x = (await must(asA("POST", `/jpas/${jpa}/investigations`, {
  reference: "TH-2026-001", title: "Andaman boat network", summary: "Boats from Ranong", crime_types: ["people_smuggling"],
  route_legs: [{ country: "MM", place: "Kawthaung", kind: "departure", mode: "sea" }, { country: "TH", place: "Ranong", kind: "transit", mode: "land" }],
  modus_operandi: ["maritime"], trafficking_indicators: [{ code: "deception", strength: "medium" }],
}), "x")).id;
const z = (await must(asA("POST", `/jpas/${jpa}/investigations`, { reference: "TH-2026-002", title: "Second Thai case", crime_types: ["people_smuggling"] }), "z")).id;
await must(asA("PUT", `/investigations/${x}/partners/${b}`), "partner");
await must(asA("POST", `/investigations/${x}/links`, { investigation_id: z, relation: "same_network" }), "link");
const y = (await must(asC("POST", `/jpas/${jpa}/investigations`, {
  reference: "KH-SECRET-7", title: "Casino compound", summary: "informant details", crime_types: ["trafficking_in_persons"],
  sensitivity: "restricted", route_legs: [{ country: "KH", place: "Sihanoukville", kind: "exploitation", mode: "land" }],
}), "y")).id;

const pages = [
  `/jpas/${jpa}/investigations`,
  `/jpas/${jpa}/investigations?status=open&crime_type=people_smuggling&agency_id=${a}&q=boat`,
  `/jpas/${jpa}/investigations/new`,
  `/investigations/${x}/edit`,
  `/investigations/${x}/partners`,
  `/investigations/${x}/links`,
];
const shots = process.env.SHOTS;
if (shots) mkdirSync(shots, { recursive: true });

const browser = await launch();
try {
  await eachContext(browser, async (context, label, javaScriptEnabled) => {
    const page = await context.newPage();
    await signIn(page, liaisonA, PASSWORD, `/jpas/${jpa}/investigations`);
    check(new URL(page.url()).pathname === `/jpas/${jpa}/investigations`, `${label} sign-in lands on the list (${page.url()})`);
    await page.close();
    await walk(context, `${label} lead liaison`, pages, javaScriptEnabled);
    if (shots && javaScriptEnabled) {
      const shot = await context.newPage();
      const width = label.startsWith("1280") ? 1280 : 360;
      for (const [name, path] of [["list", pages[0]], ["new", pages[2]], ["edit", pages[3]], ["partners", pages[4]], ["links", pages[5]]]) {
        await shot.goto(base + path);
        await shot.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
      }
      await shot.goto(base + pages[2]);
      await shot.click("button[value=add]");
      await shot.click("button.button:not(.button-secondary):not([aria-hidden])");
      await shot.screenshot({ path: `${shots}/new-errors-${width}.png`, fullPage: true });
      await shot.close();
    }

    // Create with two route legs, JavaScript off: fill and click, each row button a
    // round trip to the server.
    if (!javaScriptEnabled) {
      const form = await context.newPage();
      const title = `Mekong crossing ${label}`;
      await form.goto(`${base}/jpas/${jpa}/investigations/new`);
      await form.fill("#title", title);
      await form.fill("#reference", `TH-${stamp}-${label.slice(0, 4)}`);
      await form.check("#crime_types-people_smuggling");
      await form.check("#modus_operandi-land_border");
      await Promise.all([form.waitForNavigation(), form.click("button[value=add]")]);
      await form.selectOption("#route_legs-0-country", "LA");
      await form.fill("#route_legs-0-place", "Vientiane");
      await form.selectOption("#route_legs-0-kind", "departure");
      await form.selectOption("#route_legs-0-mode", "land");
      await Promise.all([form.waitForNavigation(), form.click("button[value=add]")]);
      check(await form.inputValue("#title") === title, `${label} a row button keeps the input`);
      check(await form.inputValue("#route_legs-0-place") === "Vientiane", `${label} the first leg is kept`);
      await form.selectOption("#route_legs-1-country", "TH");
      await form.fill("#route_legs-1-place", "Nong Khai");
      await form.selectOption("#route_legs-1-kind", "destination");
      await form.selectOption("#route_legs-1-mode", "land");
      await form.check("#trafficking_indicators-1-code");
      await form.selectOption("#trafficking_indicators-1-strength", "weak");
      await Promise.all([form.waitForNavigation(), form.click("text=Create investigation")]);
      const created = new URL(form.url()).pathname.match(/^\/investigations\/([0-9a-f-]{36})$/);
      check(created, `${label} the form lands on the new investigation (${form.url()})`);
      if (created) {
        const stored = await asA("GET", `/investigations/${created[1]}`);
        const legs = (stored.json && stored.json.route_legs) || [];
        check(stored.json && stored.json.title === title, `${label} stored title`);
        check(legs.length === 2 && legs[0].place === "Vientiane" && legs[1].country === "TH", `${label} two legs in order (${JSON.stringify(legs)})`);
        check(JSON.stringify(stored.json.trafficking_indicators) === JSON.stringify([{ code: "deception", strength: "weak" }]), `${label} screening stored`);
      }
      await form.close();
    }
  });

  // Who gets which page, and what never reaches a co-chair's HTML.
  await eachContext(browser, async (context, label, javaScriptEnabled) => {
    const page = await context.newPage();
    await signIn(page, liaisonB, PASSWORD, `/jpas/${jpa}/investigations`);
    await page.close();
    await walk(context, `${label} partner liaison`, [`/jpas/${jpa}/investigations`, `/investigations/${x}/edit`, `/investigations/${x}/partners`, `/investigations/${x}/links`], javaScriptEnabled,
      { [`/investigations/${x}/edit`]: 403, [`/investigations/${x}/partners`]: 403 });
  });
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, liaisonC, PASSWORD, `/jpas/${jpa}/investigations`);
    for (const path of [`/investigations/${x}/edit`, `/investigations/${x}/partners`, `/investigations/${x}/links`]) {
      const answer = await page.goto(base + path);
      check(answer.status() === 404, `unrelated liaison ${path} is 404 (${answer.status()})`);
    }
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, coChair, PASSWORD, `/jpas/${jpa}/investigations`);
    const answer = await page.goto(`${base}/investigations/${y}/edit`);
    const source = await answer.text();
    check(answer.status() === 200, `co-chair edits the restricted one (${answer.status()})`);
    check(!/KH-SECRET-7|informant details|Sihanoukville/.test(source), "restricted fields never reach the co-chair's HTML");
    check(source.includes("Withheld"), "withheld shown, not empty");
    await context.close();
  }
} finally {
  await browser.close();
}
check(axeRuns >= 20, `axe ran on every page visited (${axeRuns})`);
finish("investigations");
