// Browser tests of the house: signs in by keyboard alone, walks every page a signed-in
// admin and a signed-out visitor can open, with JavaScript on and off, and on each page
// runs axe-core (0 serious or critical violations), checks that nothing scrolls sideways
// at 360 px, and that focus is visible.
import { adminEmail as email, adminPassword as password, axeRuns, base, check, finish, launch, walk } from "./lib.mjs";

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
finish("house");
