// What every browser test shares: the checks (counted, printed on failure), axe-core on
// a page, the walk over a list of pages, keyboard sign-in, and calls to the JSON API for
// setting up data. Each `*.test.mjs` beside this file is run by `run` as
// `node X.test.mjs BASE_URL ADMIN_EMAIL ADMIN_PASSWORD MAIL_DIR`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const [base, adminEmail, adminPassword, mailDir] = process.argv.slice(2);
export const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

let passed = 0;
let failed = 0;
export let axeRuns = 0;

export function check(ok, what) {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${what}`);
  }
  return ok;
}

/// axe-core (0 serious or critical), no sideways scroll, `<html lang>`.
export async function audit(page, label, javaScriptEnabled, lang = "en") {
  // axe needs script in the page: it runs in the contexts with JavaScript on (the same
  // HTML the no-JavaScript contexts get). Those contexts bypass the CSP for the injected
  // axe script only: the pages themselves carry no inline script.
  if (javaScriptEnabled) {
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(async () =>
      await window.axe.run(document, { resultTypes: ["violations"] }),
    );
    axeRuns += 1;
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of bad) {
      console.log(`  axe ${label}: ${v.id} (${v.impact}) ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    }
    check(bad.length === 0, `axe ${label}: ${bad.length} serious/critical`);
  }
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!sideways, `no sideways scroll ${label}`);
  const htmlLang = await page.getAttribute("html", "lang");
  check(htmlLang === lang, `<html lang> ${label}`);
}

/// Opens each path in a new tab of `context` and audits it; `expect` maps a path to the
/// status it must answer (default: below 400).
export async function walk(context, label, paths, javaScriptEnabled, expect = {}) {
  const page = await context.newPage();
  for (const path of paths) {
    const answer = await page.goto(base + path);
    const status = answer && answer.status();
    if (path in expect) {
      check(status === expect[path], `${label} ${path} answers ${expect[path]} (${status})`);
    } else {
      check(status && status < 400, `${label} ${path} answers (${status})`);
    }
    await audit(page, `${label} ${path}`, javaScriptEnabled);
  }
  await page.close();
}

/// The four contexts every page is seen in: 1280 and 360 px wide, JavaScript on and off.
export async function eachContext(browser, fn) {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    for (const javaScriptEnabled of [true, false]) {
      const label = `${width}px ${javaScriptEnabled ? "js" : "no-js"}`;
      const context = await browser.newContext({
        viewport: { width, height },
        javaScriptEnabled,
        bypassCSP: javaScriptEnabled,
      });
      try {
        await fn(context, label, javaScriptEnabled);
      } finally {
        await context.close();
      }
    }
  }
}

/// Signs in through the form (mouse-free: fill and Enter) and lands on `next`.
export async function signIn(page, email, password, next = "/") {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForNavigation(), page.press("input[name=password]", "Enter")]);
}

/// The JSON API as `token` (or anonymous): `await call("POST", "/jpas", body)`.
export function apiAs(token) {
  return async (method, path, body, headers = {}) => {
    const r = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await r.text();
    let json = null;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, json, text, headers: r.headers };
  };
}

/// A bearer token for `email`.
export async function tokenFor(email, password) {
  const r = await apiAs(null)("POST", "/auth/login", { email, password });
  if (r.status !== 200) throw new Error(`sign-in of ${email}: ${r.status} ${r.text}`);
  return r.json.access_token;
}

export async function launch() {
  return chromium.launch({ executablePath, args: ["--no-sandbox"] });
}

/// Prints the tally and exits 0 only when every check passed.
export function finish(name) {
  console.log(`browser ${name}: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

/// Quoted-printable to text (UTF-8): soft breaks joined, `=XX` bytes decoded.
function unQuote(body) {
  const bytes = Buffer.from(body.replace(/=\r?\n/g, ""), "latin1").toString("latin1")
    .replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/// An RFC 2047 header (`=?utf-8?b?...?=` words, folded lines) as text.
function decodeHeader(value) {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _cs, enc, text) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : unQuote(text.replace(/_/g, " ")));
}

/// The text of every part of a MIME message (base64 and quoted-printable decoded), joined.
function decodeBody(raw) {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  return parts.map((part) => {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) return part;
    const head = part.slice(0, split);
    const body = part.slice(split).replace(/^\r?\n\r?\n/, "");
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) return unQuote(body);
    return body;
  }).join("\n");
}

/// The mails written to the mail directory, each as `{ to, subject, text }`, decoded as
/// a mail reader would (RFC 2047 subjects, base64 and quoted-printable parts, UTF-8).
export function readMails() {
  const { readdirSync } = require("node:fs");
  let files = [];
  try { files = readdirSync(mailDir).filter((f) => f.endsWith(".eml")); } catch { return []; }
  return files.map((f) => {
    const raw = readFileSync(`${mailDir}/${f}`, "utf8");
    const headers = raw.slice(0, raw.search(/\r?\n\r?\n/)).replace(/\r?\n[ \t]+/g, " ");
    const to = (headers.match(/^To: (.*)$/m) || [, ""])[1].trim().replace(/^.*<(.*)>$/, "$1");
    const subject = decodeHeader((headers.match(/^Subject: (.*)$/m) || [, ""])[1].trim());
    return { to, subject, text: decodeBody(raw) };
  });
}

/// Waits for a mail to `to` whose text matches `pattern`; returns the match.
export async function mailMatching(to, pattern) {
  for (let i = 0; i < 100; i += 1) {
    for (const mail of readMails()) {
      const m = mail.to === to && mail.text.match(pattern);
      if (m) return m;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} matching ${pattern}`);
}

/// Invites a user as the admin (`call` from `apiAs`) and sets the password from the
/// invitation mail's link, as the invitee would. Returns the user's id.
export async function inviteUser(call, user, password) {
  // English unless the test chooses a language (the agency's country would choose one).
  const made = await call("POST", "/users", { locale: "en", ...user });
  if (made.status !== 201) throw new Error(`invite ${user.email}: ${made.status} ${made.text}`);
  const [, token] = await mailMatching(user.email, /set-password\?token=([A-Za-z0-9_-]+)/);
  const set = await apiAs(null)("POST", "/auth/password-reset/confirm", { token, new_password: password });
  if (set.status !== 204) throw new Error(`set password of ${user.email}: ${set.status} ${set.text}`);
  return made.json.id;
}

/// The current TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) of a base32 secret.
export function totpCode(secret, at = Date.now()) {
  const { createHmac } = require("node:crypto");
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return n.toString().padStart(6, "0");
}
