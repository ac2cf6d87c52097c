// Browser tests of the pages, in Debian's Chromium (playwright-core drives the system
// browser; no browser download): signs in by keyboard alone, walks every page a signed-in
// admin and a signed-out visitor can open, with JavaScript on and off, and on each page
// runs axe-core (0 serious or critical violations), checks that nothing scrolls sideways
// at 360 px, and that focus is visible. Usage: node pages.mjs BASE_URL EMAIL PASSWORD
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [base, email, password] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
let passed = 0;
let failed = 0;

function check(ok, what) {
  if (ok) {
    passed += 1;
  } else {
    failed += 1;
    console.log(`FAIL ${what}`);
  }
}

let axeRuns = 0;

async function audit(page, label, javaScriptEnabled) {
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
    for (const v of bad) console.log(`  axe ${label}: ${v.id} (${v.impact}) ${v.nodes.length} node(s)`);
    check(bad.length === 0, `axe ${label}: ${bad.length} serious/critical`);
  }
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check(!sideways, `no sideways scroll ${label}`);
  const lang = await page.getAttribute("html", "lang");
  check(lang === "en", `<html lang> ${label}`);
}

async function walk(context, label, paths, javaScriptEnabled) {
  const page = await context.newPage();
  for (const path of paths) {
    const answer = await page.goto(base + path);
    check(answer && answer.status() < 500, `${label} ${path} answers (${answer && answer.status()})`);
    await audit(page, `${label} ${path}`, javaScriptEnabled);
  }
  await page.close();
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    for (const javaScriptEnabled of [true, false]) {
      const label = `${width}px ${javaScriptEnabled ? "js" : "no-js"}`;
      const context = await browser.newContext({
        viewport: { width, height },
        javaScriptEnabled,
        bypassCSP: javaScriptEnabled,
      });
      await walk(context, `${label} signed out`, ["/login", "/forgot-password", "/set-password?token=x", "/no-such-page"], javaScriptEnabled);
      // Sign in with the keyboard alone: Tab to each field, Enter to send.
      const page = await context.newPage();
      await page.goto(`${base}/login?next=/me`);
      await page.keyboard.press("Tab"); // skip link
      let focusVisible = true;
      for (let i = 0; i < 6; i += 1) {
        const field = await page.evaluate(() => document.activeElement && document.activeElement.name);
        if (field === "email") break;
        await page.keyboard.press("Tab");
      }
      const style = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement);
        return `${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`;
      });
      focusVisible = !/^none 0px none$/.test(style) && !style.startsWith("none 0px none");
      check(focusVisible, `${label} focus is visible on the email field (${style})`);
      await page.keyboard.type(email);
      await page.keyboard.press("Tab");
      await page.keyboard.type(password);
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      check(new URL(page.url()).pathname === "/me", `${label} sign-in lands on next (${page.url()})`);
      await page.close();
      await walk(context, `${label} signed in`, ["/", "/jpas", "/me"], javaScriptEnabled);
      // Sign out, and the session is gone.
      const out = await context.newPage();
      await out.goto(`${base}/me`);
      await Promise.all([
        out.waitForNavigation(),
        out.locator("form[action='/logout'] button").first().click(),
      ]);
      await out.goto(`${base}/me`);
      check(new URL(out.url()).pathname === "/login", `${label} signed out: /me asks to sign in`);
      await out.close();
      await context.close();
    }
  }
} finally {
  await browser.close();
}
check(axeRuns >= 14, `axe ran on every page visited (${axeRuns})`);
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
