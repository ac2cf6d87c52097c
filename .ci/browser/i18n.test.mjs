// The pseudo-language walk: every page in en-XA (each message of the catalogue accented
// and 40% longer, offered only with i18n.pseudo_locale on), for each role, at 1280 and
// 360 px. On each page: no English word of the service may remain visible (text that
// escaped the catalogue shows up as plain ASCII), nothing may overflow its box (measured:
// an element whose content is wider than it, unless it scrolls on purpose), axe-core at 0
// serious or critical, `<html lang="en-XA">`. The data is entered in Thai script, so any
// ASCII word left is the service's own, apart from the few data-shaped tokens allowed
// below (emails, codes, dates, ids).
import { adminEmail, adminPassword, apiAs, audit, base, check, finish, inviteUser, launch, tokenFor } from "./lib.mjs";

const PSEUDO = "en-XA";
const run = Math.random().toString(36).slice(2, 8);
const admin = apiAs(await tokenFor(adminEmail, adminPassword));
async function must(method, path, body, headers) {
  const r = await admin(method, path, body, headers);
  if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
  return r.json;
}
const today = new Date().toISOString().slice(0, 10);
const year = today.slice(0, 4);
const thisPeriod = today.slice(0, 7);
const start = `${year}-01-01`;

// Arrange, through the API: two agencies, a JPA, a liaison, a co-chair and an observer
// who read en-XA; an investigation with a route, a milestone and an outcome; a return.
const code = `XA${run}`.toUpperCase();
const lead = (await must("POST", "/agencies", { name: `ตำรวจ ${run}`.replace(/[a-z0-9]/g, ""), country: "TH", kind: "police", contact_email: `lead-${run}@xa.example` })).id;
const partner = (await must("POST", "/agencies", { name: "ตรวจคนเข้าเมือง", country: "ID", kind: "immigration", contact_email: `partner-${run}@xa.example` })).id;
const jpa = (await must("POST", "/jpas", { code, name: "ปฏิบัติการร่วม", start_date: start, status: "active", timezone: "Asia/Bangkok" })).id;
for (const a of [lead, partner]) await must("PUT", `/jpas/${jpa}/agencies/${a}`, { joined_on: start });
const password = `pseudo-walk-${run}-pass`;
const people = {};
for (const [role, agency] of [["liaison", lead], ["co_chair", null], ["observer", null]]) {
  const email = `${role.replace("_", "")}-${run}@xa.example`;
  const body = { email, display_name: "ผู้ใช้", role, locale: PSEUDO };
  if (agency) body.agency_id = agency;
  people[role] = { email, id: await inviteUser(admin, body, password) };
}
// The admin reads en-XA too (set on /me, as a user would).
const me = await admin("GET", "/me");
await must("PATCH", "/me", { locale: PSEUDO }, { "if-match": `"${me.json.version}"` });
const liaison = apiAs(await tokenFor(people.liaison.email, password));
const inv = await liaison("POST", `/jpas/${jpa}/investigations`, {
  reference: `TH-${run}`, title: "เครือข่ายท่าเรือ", summary: "เรือออกตอนกลางคืน",
  crime_types: ["people_smuggling"], opened_on: `${year}-01-15`, modus_operandi: ["maritime"],
  route_legs: [{ country: "TH", place: "สตูล", kind: "departure", mode: "sea" }, { country: "ID", place: "กูปัง", kind: "destination", mode: "sea" }],
});
if (inv.status !== 201) throw new Error(`investigation: ${inv.status} ${inv.text}`);
const x = inv.json.id;
await must("PUT", `/investigations/${x}/partners/${partner}`, {});
const ms = await liaison("POST", `/investigations/${x}/milestones`, { kind: "arrests", title: "จับกุมนายเรือ", due_on: `${year}-01-20` });
const outcome = await liaison("POST", `/investigations/${x}/outcomes`, { indicator: "arrests", value: 1234, occurred_on: `${year}-01-21` });
await liaison("PUT", `/jpas/${jpa}/returns/${thisPeriod}`, { narrative: "ไม่มีอะไรใหม่" });
// A work plan in Thai: an item the JPA delivers, interest, a meeting with a status.
const plan = (await must("POST", "/work-plans", { title: "แผนงาน", first_year: Number(year) - 1, last_year: Number(year) + 1, objectives: "ร่วมมือกัน", priorities: [{ number: 1, text: "ปฏิบัติการร่วม" }] })).id;
const planItem = (await must("POST", `/work-plans/${plan}/action-items`, { number: "1", text: "ดำเนินการ", priority_numbers: [1], jpa_ids: [jpa] })).id;
await must("POST", `/action-items/${planItem}/interests`, { member: { country: "TH" }, role: "lead", note: "เจ้าภาพ" });
await must("POST", `/action-items/${planItem}/interests`, { member: { organisation: "UNODC" }, role: "support" });
const planMeeting = (await must("POST", `/work-plans/${plan}/meetings`, { held_on: today, place: "กรุงเทพ" })).id;
await must("POST", `/meetings/${planMeeting}/status-updates`, { action_item_id: planItem, status: "in_progress", timeframe: "ongoing", note: "กำลังดำเนินการ" });
const planPages = ["/work-plans", `/work-plans/${plan}`, `/action-items/${planItem}`, `/meetings/${planMeeting}`];
const msId = ms.json && ms.json.id;
const outcomeId = outcome.json && outcome.json.id;

const signedOut = ["/login", "/forgot-password", "/forgot-password/sent", "/set-password?token=x", "/no-such-page"];
const byRole = {
  liaison: [
    "/jpas", `/jpas/${jpa}`, `/jpas/${jpa}/investigations`, `/jpas/${jpa}/investigations/new`,
    `/investigations/${x}`, `/investigations/${x}/edit`, `/investigations/${x}/partners`, `/investigations/${x}/links`,
    `/investigations/${x}/milestones/new`, `/milestones/${msId}/edit`, `/milestones/${msId}/delete`,
    `/investigations/${x}/outcomes/new`, `/outcomes/${outcomeId}/edit`, `/outcomes/${outcomeId}/revisions`, `/outcomes/${outcomeId}/delete`,
    `/jpas/${jpa}/returns`, `/jpas/${jpa}/returns/${thisPeriod}`, `/jpas/${jpa}/returns/${thisPeriod}/submit`, `/jpas/${jpa}/compliance`,
    `/jpas/${jpa}/progress`, "/me", ...planPages,
  ],
  co_chair: [
    `/jpas/${jpa}`, `/jpas/${jpa}/progress`, `/jpas/${jpa}/progress/print`, `/jpas/${jpa}/compendium`, `/jpas/${jpa}/compliance`,
    `/jpas/${jpa}/returns`, `/jpas/${jpa}/investigations`, "/admin", "/admin/agencies", "/admin/agencies/new", `/admin/agencies/${lead}/edit`,
    "/admin/jpas", "/admin/jpas/new", `/admin/jpas/${jpa}`, `/admin/jpas/${jpa}/edit`, `/admin/jpas/${jpa}/status`, "/audit", "/no-such-page",
    ...planPages, "/compendium",
  ],
  observer: ["/jpas", `/jpas/${jpa}`, `/jpas/${jpa}/progress`, `/jpas/${jpa}/compendium`, "/work-plans", `/meetings/${planMeeting}`, "/compendium"],
  admin: ["/admin/users", "/admin/users/new", `/admin/users/${people.liaison.id}/edit`, "/admin/emails", "/me", "/investigations/00000000-0000-0000-0000-000000000000"],
};
const expectStatus = { "/no-such-page": 404, "/investigations/00000000-0000-0000-0000-000000000000": 404 };

/// What the reader sees of the page: visible text, the title, option labels, the text of
/// buttons, placeholders and accessible names (aria-label, alt, title).
async function shownText(page) {
  return page.evaluate(() => {
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest("script,style")) continue;
      // Machine identifiers (<code>: audit actions, mail kinds), recorded values marked
      // translate="no", and text in another language on purpose (<option lang="th">).
      if (el.closest("code,[translate=no]")) continue;
      // Time zones in a picker are IANA identifiers (Asia/Bangkok).
      if (el.tagName === "OPTION" && el.value.includes("/")) continue;
      const other = el.closest("[lang]");
      if (other && other !== document.documentElement && other.lang !== document.documentElement.lang) continue;
      const visible = el.closest("option,svg") || el.checkVisibility({ visibilityProperty: true }) || el.closest(".visually-hidden");
      if (visible) parts.push(n.textContent);
    }
    for (const el of document.querySelectorAll("[aria-label],[alt],[title],[placeholder],input[type=submit],input[type=button]")) {
      for (const a of ["aria-label", "alt", "title", "placeholder", "value"]) {
        if (el.hasAttribute(a) && (a !== "value" || el.type === "submit" || el.type === "button")) parts.push(el.getAttribute(a));
      }
    }
    return parts.join("\n");
  });
}

/// Data-shaped tokens that are not the service's words: emails, URLs, ids, dates,
/// periods, codes (the JPA's, references, country codes), and the domain's acronyms.
function englishWords(text) {
  const cleaned = text
    .replace(/[\w.+-]+@[\w.-]+/g, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, " ")
    .replace(new RegExp(`${code}|TH-${run}`, "g"), " ")
    .replace(/\b(JPA|UNODC|MLA|ILO|CSV|PDF|TOTP|UTC|ICT|WIB|SHERLOC|INTERPOL|USD|QR)\b/g, " ")
    // IANA time zones (Asia/Bangkok) are identifiers; the bootstrap admin's name is data.
    .replace(/\b[A-Z][A-Za-z_]+(\/[A-Za-z_+-]+)+/g, " ")
    .replace(/\bAdministrator\b/g, " ")
    // Audit actions (return.save) are machine identifiers.
    .replace(/\b[a-z_]+(\.[a-z_]+)+\b/g, " ")
    .replace(/\b[A-Z]{2}\b/g, " ")
    .replace(/\b\d{4}-\d{2}(-\d{2})?\b/g, " ");
  return [...new Set(cleaned.match(/[A-Za-z]{2,}/g) || [])];
}

/// Elements whose content is wider than their box and that do not scroll on purpose.
async function overflowing(page) {
  return page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
      const s = getComputedStyle(el);
      if (s.display === "inline" || s.display === "none" || s.display.startsWith("table-") && s.display !== "table-cell") continue;
      if (el.closest(".visually-hidden,svg,select,option")) continue;
      // Visually hidden by clipping (a table head in the card layout).
      if (el.clientWidth <= 2 || el.closest("[style*=clip]") || getComputedStyle(el.closest("thead") || el).clip.startsWith("rect(0")) continue;
      if (s.overflowX === "auto" || s.overflowX === "scroll") continue;
      if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className && typeof el.className === "string" ? "." + el.className.split(" ").join(".") : ""} (${el.scrollWidth} > ${el.clientWidth}): ${el.textContent.trim().slice(0, 40)}`);
      }
    }
    return out;
  });
}

async function inspect(page, label, path) {
  const answer = await page.goto(base + path);
  const status = answer && answer.status();
  const want = expectStatus[path];
  check(want ? status === want : status < 400, `${label} ${path} answers (${status})`);
  const text = await shownText(page);
  const words = englishWords(text);
  const where = words.slice(0, 3).map((w) => {
    const at = text.indexOf(w);
    return JSON.stringify(text.slice(Math.max(0, at - 30), at + 30));
  });
  check(words.length === 0, `${label} ${path}: no English left (${words.slice(0, 12).join(", ")}) in ${where.join(" ")}`);
  const over = await overflowing(page);
  check(over.length === 0, `${label} ${path}: nothing overflows (${over.slice(0, 3).join(" | ")})`);
  await audit(page, `${label} ${path}`, true, PSEUDO);
}

const browser = await launch();
try {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    const label = `${PSEUDO} ${width}px`;
    // Signed out: the language switch (only in tests does it offer en-XA).
    const context = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/language/${PSEUDO}?next=/login`);
    check(new URL(page.url()).pathname === "/login", `${label} the switch goes back to the page`);
    for (const path of signedOut) await inspect(page, `${label} signed out`, path);
    await context.close();
    for (const [role, paths] of Object.entries(byRole)) {
      const ctx = await browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const p = await ctx.newPage();
      const email = role === "admin" ? adminEmail : people[role].email;
      await p.goto(`${base}/login`);
      await p.fill("input[name=email]", email);
      await p.fill("input[name=password]", role === "admin" ? adminPassword : password);
      await Promise.all([p.waitForNavigation(), p.press("input[name=password]", "Enter")]);
      for (const path of paths) await inspect(p, `${label} ${role}`, path);
      // A rejected form shows its messages in the reader's language too.
      if (role === "liaison") {
        await p.goto(`${base}/investigations/${x}/milestones/new`);
        await p.fill("input[name=title]", "");
        await Promise.all([p.waitForNavigation(), p.click("main form button[type=submit] >> nth=-1")]);
        const words = englishWords(await shownText(p));
        check(words.length === 0, `${label} rejected milestone form: no English left (${words.join(", ")})`);
        await audit(p, `${label} rejected milestone form`, true, PSEUDO);
      }
      await ctx.close();
    }
  }
} finally {
  await browser.close();
  // The admin reads English again for the tests that run after this one.
  const again = await admin("GET", "/me");
  await admin("PATCH", "/me", { locale: "en" }, { "if-match": `"${again.json.version}"` });
}
finish("i18n");
