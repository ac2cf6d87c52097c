# Administration: users, agencies, JPAs, the outbox and reminder pass, the audit log.
nav-admin = Administration
adm-nav-label = Administration pages
adm-breadcrumbs = You are here
adm-index-title = Administration
adm-index-lede = Set up and run the service: who may sign in, the agencies and JPAs, the mail it sends, and the record of every change.
adm-index-users = Invite people, change their role or agency, deactivate an account.
adm-index-agencies = The law-enforcement agencies that take part in JPAs.
adm-index-jpas = Create a JPA, set its dates and reporting rules, add its agencies, start and close it.
adm-index-emails = Mail the service has sent or will send, and a reminder pass on demand.
adm-index-audit = Who changed what, and when.

adm-save = Save changes
adm-cancel = Cancel
adm-none = none
adm-exercise = exercise
adm-date-range = { $start } to { $end }
adm-pager-first = First page
adm-pager-next = Next page
adm-filter-any = Any
adm-filter-submit = Apply filters
adm-filter-clear = Clear filters
adm-fix-filters = Correct the filters above to see the list.
adm-col-status = Status
adm-col-dates = Dates
adm-col-state = Account
adm-col-two-factor = Two-factor sign-in
adm-col-agency = Agency
adm-col-actions = Actions
adm-col-created = Created
adm-col-sent = Sent
adm-col-subject = Subject
adm-col-recipient = Recipient
adm-col-kind = Kind
adm-col-last-error = Last error

# Field labels (also used in messages about a field).
adm-label-email = Email address
adm-label-display_name = Name
adm-label-role = Role
adm-label-agency_id = Agency
adm-label-active = Account
adm-label-name = Name
adm-label-country = Country
adm-label-kind = Kind of agency
adm-label-contact_email = Contact email address
adm-label-code = Code
adm-label-description = Description
adm-label-start_date = Start date
adm-label-end_date = End date
adm-label-is_exercise = This JPA is an exercise
adm-label-report_due_day = Monthly return due on day
adm-label-reminder_days_before = Reminder days before the due date
adm-label-timezone = Time zone
adm-label-joined_on = Taking part from
adm-label-as_of = Run as of
adm-label-status = Status
adm-label-version = Version

adm-role-admin = Administrator
adm-role-co_chair = Co-chair
adm-role-liaison = Agency liaison
adm-role-observer = Observer
adm-kind-police = Police
adm-kind-immigration = Immigration
adm-kind-border = Border protection
adm-kind-customs = Customs
adm-kind-coast_guard = Coast guard
adm-kind-prosecution = Prosecution
adm-kind-intelligence = Intelligence
adm-kind-other = Other

# Notices after a change (?notice=).
adm-notice-user-invited = The invitation is on its way: the new user sets a password from the link in the mail (valid 72 hours).
adm-notice-user-saved = The user's changes are saved.
adm-notice-agency-created = The agency is created.
adm-notice-agency-saved = The agency's changes are saved.
adm-notice-jpa-created = The JPA is created, in planning. Add its agencies below, then make it active.
adm-notice-jpa-saved = The JPA's changes are saved.
adm-notice-jpa-active = The JPA is active: returns are owed and reminders go out.
adm-notice-jpa-closed = The JPA is closed and read-only.
adm-notice-agency-added = The agency takes part in the JPA.
adm-notice-agency-removed = The agency no longer takes part in the JPA.
adm-notice-reminders-ran = The reminder pass ran.
adm-notice-stale = Someone else changed this meanwhile. Your changes are not saved yet: they are still in the form below. Saving again replaces the other change.
adm-notice-stale-link = See the current version instead

# Error messages.
adm-err-required = { $label }: enter a value
adm-err-field = { $label }: { $message }
adm-err-rejected = These details could not be saved; check them and try again
adm-err-choice = Choose one of the options shown
adm-err-date = Enter a date as year-month-day, for example 2026-03-15
adm-err-cursor = That page of the list does not exist; start again from the first page
adm-err-email-missing = Enter the email address of the person to invite
adm-err-email = Enter an email address like name@agency.gov
adm-err-email-taken = A user with this email address already exists
adm-err-display_name-missing = Enter the person's name
adm-err-role-missing = Choose a role
adm-err-active-missing = Choose whether the account is active
adm-err-liaison-agency = Choose the agency of this liaison: a liaison needs an agency
adm-err-agency-unknown = Choose an agency from the list
adm-err-last-admin = This is the last active administrator: make another user an administrator first
adm-err-name-missing = Enter a name
adm-err-country-missing = Choose a country
adm-err-country = Choose a country from the list
adm-err-kind-missing = Choose the kind of agency
adm-err-contact_email-missing = Enter a contact email address
adm-err-contact_email = Enter a contact email address like desk@agency.gov
adm-err-agency-name-taken = An agency with this name already exists
adm-err-code-missing = Enter a code
adm-err-code = Enter a code of 1 to 50 letters, digits, hyphens or underscores
adm-err-code-taken = A JPA with this code already exists
adm-err-start_date-missing = Enter the start date
adm-err-end_date-missing = Enter the end date
adm-err-report_due_day-missing = Enter the day the monthly return is due
adm-err-reminder_days_before-missing = Enter how many days before the due date the reminder goes out
adm-err-timezone-missing = Choose a time zone
adm-err-end-before-start = The end date must not be before the start date
adm-err-end-too-late = The end date must be at most 24 months after the start date
adm-err-report_due_day = Enter the due day as a whole number from 1 to 28
adm-err-reminder_days_before = Enter the reminder days as a whole number from 0 to 28
adm-err-timezone = Choose a time zone from the list
adm-err-jpa-closed = The JPA is closed and read-only: nothing can be changed
adm-err-agency-missing = Choose the agency to add
adm-err-agency-in-use = { $agency } leads or partners an investigation in this JPA, so it cannot leave it. Move those investigations to other agencies first.
adm-err-status-choice = That status move was not one this page offers. Look at the status below and try again.
adm-err-status-stale = Someone changed this JPA meanwhile; nothing was changed. Look at its status below before you confirm again.
adm-err-status-refused = The status moves planning, then active, then closed only; it cannot move that way now.
adm-err-status-invalid = The JPA's details need correcting before its status can change: edit the JPA first.
adm-err-audit-entity_type = Enter an entity type of at most 64 characters
adm-err-audit-entity_id = Enter an entity id of at most 100 characters
adm-err-audit-actor_id = Enter the actor as a user id (a UUID)
adm-err-audit-instant = Enter a date as 2026-03-15 or a time as 2026-03-15T08:00:00Z

# Users.
adm-users-title = Users
adm-users-caption = Users, newest first
adm-users-invite-button = Invite a user
adm-users-none = There are no users yet.
adm-users-pager = Pages of users
adm-active = Active
adm-deactivated = Deactivated
adm-two-factor-on = On
adm-two-factor-off = Off
adm-user-invite-title = Invite a user
adm-user-invite-lede = The person gets a mail with a link to set a password. The link works once, for 72 hours.
adm-user-invite-submit = Send the invitation
adm-user-edit-title = Edit user: { $name }
adm-hint-email = The invitation goes to this address; it is also how they sign in.
adm-hint-role = Liaisons report for their agency; co-chairs follow every agency; observers see the figures only.
adm-hint-agency = A liaison needs an agency. Others may have none.
adm-no-agency = No agency
adm-hint-active = Can sign in.
adm-hint-deactivate = Cannot sign in; their open sessions end at once.
adm-hint-deactivate-self = Cannot sign in; this is your own account, and you will be signed out at once.

# Agencies.
adm-agencies-title = Agencies
adm-agencies-caption = Agencies, newest first
adm-agencies-new-button = Create an agency
adm-agencies-none = There are no agencies yet.
adm-agencies-pager = Pages of agencies
adm-agency-new-title = Create an agency
adm-agency-edit-title = Edit agency: { $name }
adm-agency-create-submit = Create the agency
adm-hint-agency-name = Its full name, as the other agencies know it.
adm-hint-contact_email = The agency's desk, for the co-chairs.
adm-choose-country = Choose a country
adm-choose-kind = Choose a kind

# JPAs.
adm-jpas-title = JPAs
adm-jpas-caption = Joint Periods of Action, newest first
adm-jpas-new-button = Create a JPA
adm-jpas-new-link = New JPA
adm-jpas-none = There are no JPAs yet.
adm-jpas-pager = Pages of JPAs
adm-jpa-new-title = Create a JPA
adm-jpa-new-lede = A new JPA starts in planning: add its agencies, then make it active.
adm-jpa-create-submit = Create the JPA
adm-jpa-edit-title = Edit JPA { $code }
adm-jpa-title = JPA { $code } (administration)
adm-jpa-caption = JPA administration
adm-jpa-exercise-banner = This JPA is an exercise.
adm-jpa-edit-link = Edit its details
adm-jpa-open-link = Open the JPA's pages
adm-jpa-audit-link = Its changes in the audit log
adm-jpa-closed-readonly = This JPA is closed and read-only.
adm-hint-code = Letters, digits, hyphens or underscores, e.g. JPA-2026.
adm-hint-description = Optional. What the JPA is for.
adm-hint-date = Year-month-day, for example 2026-03-15.
adm-hint-end_date-new = Year-month-day. Leave it empty for 12 months after the start.
adm-hint-is_exercise = Its reminders and pages are marked as an exercise.
adm-hint-report_due_day = From 1 to 28: the return for a month is due on this day of the next month.
adm-hint-reminder_days_before = From 0 to 28: when the "due soon" reminder goes out.
adm-hint-timezone = "Today" for due dates and reminders is the date in this zone.
adm-jpa-status-heading = Status
adm-jpa-status-now-planning = The JPA is being planned: no returns are owed and no reminders go out.
adm-jpa-status-now-active = The JPA is running: returns are owed and reminders go out.
adm-jpa-status-now-closed = The JPA is closed: it is read-only, and its status cannot change again.
adm-jpa-move-to-active = Make it active…
adm-jpa-move-to-closed = Close it…
adm-participants-heading = Participating agencies
adm-participants-caption = Agencies taking part in { $code }
adm-participants-none = No agency takes part yet.
adm-participants-all = Every agency takes part already.
adm-participant-add-heading = Add an agency
adm-participant-add = Add the agency
adm-participant-remove = Remove
adm-choose-agency = Choose an agency
adm-hint-joined_on-planning = Optional, year-month-day. Empty: from the JPA's start.
adm-hint-joined_on-active = Optional, year-month-day. Empty: from today. Returns are owed from this month on.
adm-hint-joined_on-closed = Optional, year-month-day.
adm-status-title-active = Make { $code } active?
adm-status-title-closed = Close { $code }?
adm-status-title-none = { $code } is closed
adm-status-explain-active = Once active, every participating agency owes a monthly return and the reminder mails start. It cannot go back to planning.
adm-status-explain-closed = Once closed, the JPA is read-only: no more investigations, milestones, outcomes or returns can be changed. This cannot be undone.
adm-status-confirm-active = Yes, make it active
adm-status-confirm-closed = Yes, close it
adm-status-keep = No, keep it as it is
adm-status-back = Back to the JPA
adm-status-problem = Nothing was changed

# The outbox and the reminder pass.
adm-emails-title = Outbox
adm-emails-lede = Every mail the service has queued, newest first. Bodies are not shown: invitations and password resets carry secret links.
adm-outbox-heading = Mails
adm-emails-caption = Outbox mails, newest first
adm-emails-filter-label = Filter the mails
adm-emails-none = No mail has been queued yet.
adm-emails-none-filtered = No mail has this status.
adm-emails-pager = Pages of mails
adm-not-sent = not yet
adm-attempts = { $n ->
    [one] 1 attempt
   *[other] { $n } attempts
}
adm-mail-status-pending = Pending
adm-mail-status-sending = Sending
adm-mail-status-sent = Sent
adm-mail-status-failed = Failed
adm-reminders-heading = Run a reminder pass now
adm-reminders-lede = The scheduler runs a pass every day. A pass queues what is due for each active JPA and never queues a reminder twice.
adm-hint-as_of = Optional, year-month-day: run as if today were this date. Empty: today in each JPA's time zone.
adm-reminders-run = Run the reminder pass
adm-reminders-as-of = As of { $date }.
adm-reminders-today = As of today.
adm-reminders-due-soon = { $n ->
    [one] 1 "due soon" reminder queued
   *[other] { $n } "due soon" reminders queued
}
adm-reminders-overdue = { $n ->
    [one] 1 overdue reminder queued
   *[other] { $n } overdue reminders queued
}
adm-reminders-digest = { $n ->
    [one] 1 co-chair digest queued
   *[other] { $n } co-chair digests queued
}

# The audit log.
adm-audit-title = Audit log
adm-audit-lede = Every change, newest first, with who made it and when (times in UTC). Protected fields of investigations show only that they changed.
adm-audit-filter-label = Filter the audit log
adm-audit-entity_type = Entity type
adm-audit-hint-entity_type = e.g. jpa, agency, user, investigation
adm-audit-entity_id = Entity id
adm-audit-actor_id = Actor (user id)
adm-audit-from = From
adm-audit-to = Before
adm-audit-hint-time = A date (2026-03-15) or a UTC time.
adm-audit-caption = Audit events, newest first
adm-audit-col-actor = Actor
adm-audit-col-entity = Entity
adm-audit-col-request = Request id
adm-audit-system = the service
adm-audit-by-actor-id = Every change by { $id }
adm-audit-of-entity = Every change of { $id }
adm-audit-changes-of = Fields changed by { $action }
adm-audit-col-field = Field
adm-audit-col-before = Before
adm-audit-col-after = After
adm-audit-no-fields = No fields recorded.
adm-audit-changed-withheld = changed (value not recorded)
adm-audit-none = There are no audit events yet.
adm-audit-none-filtered = No event matches these filters.
adm-audit-pager = Pages of the audit log
adm-label-locale = Language
adm-hint-locale-new = Pages and mails, the invitation included, are in this language. The user can change it on their account page.
adm-hint-locale = The language of this user's pages and mails.
adm-locale-default = The language of the agency's country (else English)
adm-label-organisation = Organisation
adm-hint-organisation = Observers only: the international organisation they belong to, such as UNODC or IOM. It is the member they register interest for in the work plan.
