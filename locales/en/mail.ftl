# Mails: each in its recipient's language, subject included. Placeables hold names,
# dates, codes and links; the HTML mails escape every value.
mail-signature = JPA coordination service
mail-greeting = Hello { $name },
mail-exercise = THIS IS AN EXERCISE.
mail-exercise-tag = [EXERCISE]

## Invitation
mail-invite-subject = Your JPA coordination account
mail-invite-body = An account was created for you on the JPA coordination service. Set your password within 72 hours:
mail-invite-link = Set your password
mail-ignore = If you did not expect this, ignore this message.

## Password reset
mail-reset-subject = Reset your JPA coordination password
mail-reset-body = Someone asked to reset the password of your JPA coordination account. Set a new password within one hour:
mail-reset-link = Reset your password
mail-reset-ignore = If it was not you, ignore this message; your password stays as it is.

## Security notice
mail-security-subject = Security notice: your JPA coordination account changed
mail-security-password_changed = the password of your account was changed
mail-security-password_reset = the password of your account was reset with an emailed link, and every session was signed out
mail-security-two_factor_enabled = two-factor sign-in was turned on for your account
mail-security-two_factor_disabled = two-factor sign-in was turned off for your account
mail-security-recovery_codes_replaced = new recovery codes were made for your account, and the old ones stopped working
mail-security-body = On { $when }, { $what } on the JPA coordination service.
mail-security-advice = If this was you, there is nothing to do. If it was not, tell your administrator at once: someone else may be able to sign in as you.
mail-security-link = Your account's sign-in settings
mail-security-after-sign-in = (after signing in)

## Monthly return reminders
mail-due-soon-subject = [{ $code }] Monthly return for { $period } due on { $due }
mail-overdue-subject = [{ $code }] Monthly return for { $period } is overdue (reminder { $number } of 3)
mail-due-soon-body = The monthly return of { $agency } for { $period } in { $code } ({ $jpa }) is due on { $due }.
mail-overdue-body = The monthly return of { $agency } for { $period } in { $code } ({ $jpa }) was due on { $due } and has not been submitted (reminder { $number } of 3).
mail-file-here = File the return
mail-nil-counts = A nil return (“nothing new this month”) counts as filed.
mail-milestones-heading = Milestones of { $agency } that are overdue or due in the next 30 days:
mail-overdue-mark = overdue

## Co-chairs' digest
mail-digest-subject = [{ $code }] Monthly returns for { $period }: status by agency
mail-digest-body = Monthly returns for { $period } in { $code } ({ $jpa }), due on { $due }:
mail-digest-agency = Agency
mail-digest-country = Country
mail-digest-return = Return
mail-digest-overdue-milestones = Overdue milestones
mail-digest-state-on_time = on time
mail-digest-state-late = late
mail-digest-state-missing = missing
mail-digest-overdue-count = { $count ->
    [one] 1 overdue milestone
   *[other] { $count } overdue milestones
}
mail-digest-totals = On time: { $on_time }, late: { $late }, missing: { $missing }.
mail-digest-compliance = Compliance
