// Browser tests of the house: signs in by keyboard alone, walks every page a signed-in
// admin and a signed-out visitor can open, with JavaScript on and off, and on each page
// runs axe-core (0 serious or critical violations), checks that nothing scrolls sideways
// at 360 px, and that focus is visible.
import {
  adminEmail as email, adminPassword as password, apiAs, audit, axeRuns, base, check, finish,
  inviteUser, launch, tokenFor, totpCode, walk,
} from "./lib.mjs";

// A user with two-factor sign-in, enrolled through the API.
const mfaEmail = "two-factor@browser.example";
const mfaPassword = "a-long-passphrase-for-mfa";
const admin = apiAs(await tokenFor(email, password));
await inviteUser(admin, { email: mfaEmail, display_name: "Two Factor", role: "co_chair" }, mfaPassword);
const asMfa = apiAs(await tokenFor(mfaEmail, mfaPassword));
const enrolled = await asMfa("POST", "/me/totp/enroll", { current_password: mfaPassword });
const confirmed = await asMfa("POST", "/me/totp/confirm", { code: totpCode(enrolled.json.secret) });
check(confirmed.status === 200, `two-factor turned on (${confirmed.status} ${confirmed.text})`);
const recoveryCodes = confirmed.json.recovery_codes;
let contextIndex = 0;

/// Presses Tab until the focused element matches `predicate` (at most `limit` times).
async function tabTo(page, predicate, limit = 15) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate)) return true;
  }
  return false;
}

/// Sign-in with the code step and sign-out, with Tab, typing and Enter alone.
async function twoFactorByKeyboard(context, label, javaScriptEnabled, code) {
  const page = await context.newPage();
  await page.goto(`${base}/login?next=/me`);
  check(await tabTo(page, () => document.activeElement.name === "email"), `${label} Tab reaches the email field`);
  await page.keyboard.type(mfaEmail);
  await page.keyboard.press("Tab");
  await page.keyboard.type(mfaPassword);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  check(new URL(page.url()).pathname === "/login/totp", `${label} the code step follows the password (${page.url()})`);
  await audit(page, `${label} /login/totp`, javaScriptEnabled);
  check(await tabTo(page, () => document.activeElement.name === "code"), `${label} Tab reaches the code field`);
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return `${s.outlineStyle} ${s.outlineWidth}`;
  });
  check(!style.startsWith("none"), `${label} focus is visible on the code field (${style})`);
  await page.keyboard.type(code);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  check(new URL(page.url()).pathname === "/me", `${label} the code lands on next (${page.url()})`);
  check(
    await tabTo(page, () => document.activeElement.closest("form[action='/logout']") !== null, 30),
    `${label} Tab reaches sign-out`,
  );
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await page.goto(`${base}/me`);
  check(new URL(page.url()).pathname === "/login", `${label} signed out by keyboard`);
  await page.close();
}

const browser = await launch();
try {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    for (const javaScriptEnabled of [true, false]) {
      const label = `${width}px ${javaScriptEnabled ? "js" : "no-js"}`;
      const context = await browser.newContext({
        viewport: { width, height },
        javaScriptEnabled,
        bypassCSP: javaScriptEnabled,
      });
      await walk(context, `${label} signed out`, ["/login", "/forgot-password", "/set-password?token=x", "/no-such-page"], javaScriptEnabled, { "/no-such-page": 404 });
      // Sign in with the keyboard alone: Tab to each field, Enter to send.
      const page = await context.newPage();
      await page.goto(`${base}/login?next=/me`);
      await page.keyboard.press("Tab"); // skip link
      let focusVisible = true;
      // Past the brand and the language switch (one link per language) to the form.
      for (let i = 0; i < 20; i += 1) {
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
      // The first context uses the app's current code; the others a recovery code each
      // (a code is accepted once per 30 s step).
      // (the step of enrolment is spent: the next one, within the accepted drift).
      const code = contextIndex === 0 ? totpCode(enrolled.json.secret, Date.now() + 30000) : recoveryCodes[contextIndex];
      contextIndex += 1;
      await twoFactorByKeyboard(context, `${label} two-factor`, javaScriptEnabled, code);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
check(axeRuns >= 14, `axe ran on every page visited (${axeRuns})`);
finish("house");
