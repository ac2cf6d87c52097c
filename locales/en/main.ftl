# The name of this language, in itself (language pickers list each language by it).
language-name = English
# The pages' English messages (Project Fluent). Every string a page shows is here;
# another language is another folder with the same ids.

service-name = JPA coordination
skip-to-content = Skip to main content
signed-in-as = Signed in as { $name }
sign-out = Sign out
nav-label = Main
nav-jpas = JPAs
nav-me = Your account
jpa-bar-current = Current JPA:
jpa-bar-switch = Switch JPA
jpa-nav-label = Pages of { $code }
nav-jpa-home = Overview
nav-jpa-investigations = Investigations
nav-jpa-returns = Monthly returns
nav-jpa-compliance = Compliance
nav-jpa-progress = Progress
nav-jpa-dashboard = Dashboard
nav-jpa-compendium = Compendium
jpa-exercise-banner = Exercise: this JPA is a simulation. Its figures are not real cases.
footer-text = Joint Period of Action coordination. For official use by participating agencies.

role-admin = administrator
role-co_chair = co-chair
role-liaison = agency liaison
role-observer = observer

error-summary-title = There is a problem
error-prefix = Error:
error-title-prefix = Error:
error-generic = { $message }
error-home-link = Go to the start page
error-request-id = If you report this, quote the request id { $id }.
error-not-found-title = Page not found
error-not-found-body = There is no page at this address, or you do not have access to it. If you typed the address, check it is correct.
error-forbidden-title = You cannot do this
error-forbidden-body = This is not open to your account, or a form was sent from outside this service. If you sent a form, go back, reload the page and try again.
error-bad-request-title = Something was wrong with that request
error-bad-request-body = Go back and try again.
error-conflict-title = That could not be done
error-conflict-body = Something changed meanwhile. Go back, reload the page and try again.
error-unavailable-title = Sorry, the service is unavailable
error-unavailable-body = The service is not answering at the moment. Try again in a few minutes.
error-internal-title = Sorry, there is a problem with the service
error-internal-body = Try again later.

field-email = Email address
field-password = Password
field-code = Code
field-current-password = Current password
field-new-password = New password
field-confirm-password = Confirm new password
password-hint = 12 to 128 characters. A passphrase of several words is easiest to remember.
back-to-sign-in = Back to sign in

login-title = Sign in
login-submit = Sign in
login-forgot-link = Forgotten your password?

totp-title = Enter your code
totp-hint = The 6-digit code from your authenticator app, or one of your recovery codes.
totp-submit = Continue
totp-start-again = Start again

forgot-title = Reset your password
forgot-intro = Enter the email address of your account. We will send you a link to set a new password.
forgot-submit = Send the link
forgot-sent-title = Check your email
forgot-sent-body = If that address has an account, we have sent it a link to set a new password. The link works for 1 hour. If nothing arrives, check your spam folder or ask again.

set-password-title = Set your password
set-password-submit = Set password
set-password-no-token = This link is incomplete. Use the link from your email as it is.
set-password-new-link = Ask for a new link

me-title = Your account
me-name = Name
me-email = Email address
me-role = Role
me-password-heading = Change your password
me-password-intro = Your other signed-in sessions end when you change it.
me-password-submit = Change password
me-mfa-heading = Two-factor sign-in
me-mfa-on = Two-factor sign-in is on. You sign in with your password and a code from your authenticator app.
me-mfa-off = Two-factor sign-in is off. Turn it on to protect your account with a code from an authenticator app.
me-mfa-enrol-hint = To turn it on, confirm your current password.
me-mfa-enrol-submit = Turn on two-factor sign-in
me-codes-heading = Recovery codes
me-codes-left = { $count ->
    [0] You have no unused recovery codes left. Make new ones now.
    [one] You have 1 unused recovery code left.
   *[other] You have { $count } unused recovery codes left.
  }
me-codes-intro = New codes replace every old one. You need your password and a current code.
me-codes-submit = Make new recovery codes
me-mfa-disable-heading = Turn off two-factor sign-in
me-mfa-disable-submit = Turn off two-factor sign-in

enrol-title = Set up your authenticator app
enrol-step-scan = Scan this QR code with your authenticator app.
enrol-qr-alt = QR code that adds this account to an authenticator app
enrol-step-key = If you cannot scan it, enter this key in the app instead:
enrol-code-hint = Enter the 6-digit code the app now shows.
enrol-submit = Turn on
enrol-cancel = Cancel

codes-title = Your recovery codes
codes-once = Keep these codes somewhere safe. Each works once, instead of a code from your app. They are shown only this once.
codes-done = I have kept them

jpas-title = Your JPAs
jpas-caption = Joint Periods of Action you can see
jpas-code = Code
jpas-name = Name
jpas-dates = Dates
jpas-status = Status
jpas-exercise = exercise
jpas-date-range = { $start } to { $end }
jpa-status-planning = Planning
jpa-status-active = Active
jpa-status-closed = Closed
jpas-none = There are no JPAs for you to see yet.
jpas-more = Only the first 100 are listed.

notice-signed-out = You have signed out.
notice-password-set = Your password is set. You can sign in now.
notice-password-changed = Your password has been changed. Your other sessions have ended.
notice-mfa-off = Two-factor sign-in is off.
notice-mfa-required = Your role must use two-factor sign-in. Turn it on below to continue.
notice-session-ended = Your session has ended. Sign in again.

err-email-missing = Enter your email address
err-password-missing = Enter your password
err-sign-in-refused = Enter a correct email address and password
err-throttled = Too many attempts. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
  }.
err-code-missing = Enter the code
err-code-refused = The code is not right, or it took too long. Enter a current code, or start again.
err-code-wrong = The code is not the current code of your authenticator app
err-password-or-code = The password or the code is not right
err-current-password = Your current password is not right
err-current-password-missing = Enter your current password
err-new-password-missing = Enter a new password
err-confirm-mismatch = The two passwords do not match
err-password-too-short = The password must be at least 12 characters long
err-password-too-long = The password must be at most 128 characters long
err-password-common = The password is too common or too easy to guess; choose another
err-token-invalid = This link is invalid, has been used or has expired. Ask for a new one

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = Language
me-language-heading = Language
me-language-label = Language of your pages and mails
me-language-save = Save language
notice-language-saved = Your language was saved.

## Months and dates as pages show them
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A period (a month of a year) written out, e.g. "March 2026".
period-long = { $month } { $year }
# A day written out, e.g. "10 March 2026".
date-long = { $day } { $month } { $year }
# Between groups of three digits in large numbers (1,234,567).
number-group-separator = ,
err-stale-form = Your account changed while this page was open. Check the choice below and save again.
err-locale-unknown = Choose one of the languages in the list.
