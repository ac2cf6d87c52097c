# Mails: each in its recipient's language, subject included. Placeables hold names,
# dates, codes and links; the HTML mails escape every value.
mail-signature = Perkhidmatan penyelarasan JPA
mail-greeting = Salam sejahtera { $name },
mail-exercise = INI ADALAH LATIHAN.
mail-exercise-tag = [LATIHAN]

## Invitation
mail-invite-subject = Akaun penyelarasan JPA anda
mail-invite-body = Satu akaun telah diwujudkan untuk anda dalam perkhidmatan penyelarasan JPA. Tetapkan kata laluan anda dalam tempoh 72 jam:
mail-invite-link = Tetapkan kata laluan anda
mail-ignore = Jika anda tidak menjangkakan mesej ini, abaikan sahaja.

## Password reset
mail-reset-subject = Tetapkan semula kata laluan penyelarasan JPA anda
mail-reset-body = Seseorang telah meminta untuk menetapkan semula kata laluan akaun penyelarasan JPA anda. Tetapkan kata laluan baharu dalam tempoh satu jam:
mail-reset-link = Tetapkan semula kata laluan anda
mail-reset-ignore = Jika bukan anda yang membuat permintaan ini, abaikan mesej ini; kata laluan anda kekal seperti sedia ada.

## Security notice
mail-security-subject = Notis keselamatan: akaun penyelarasan JPA anda telah berubah
mail-security-password_changed = kata laluan akaun anda telah ditukar
mail-security-password_reset = kata laluan akaun anda telah ditetapkan semula melalui pautan e-mel, dan semua sesi telah dilog keluar
mail-security-two_factor_enabled = log masuk dua faktor telah dihidupkan untuk akaun anda
mail-security-two_factor_disabled = log masuk dua faktor telah dimatikan untuk akaun anda
mail-security-recovery_codes_replaced = kod pemulihan baharu telah dijana untuk akaun anda, dan kod lama tidak lagi berfungsi
mail-security-body = Pada { $when }, { $what } dalam perkhidmatan penyelarasan JPA.
mail-security-advice = Jika ini tindakan anda, tiada apa-apa yang perlu dilakukan. Jika bukan, maklumkan kepada pentadbir anda dengan segera: orang lain mungkin boleh log masuk sebagai anda.
mail-security-link = Tetapan log masuk akaun anda
mail-security-after-sign-in = (selepas log masuk)

## Monthly return reminders
mail-due-soon-subject = [{ $code }] Laporan bulanan bagi { $period } perlu dihantar pada { $due }
mail-overdue-subject = [{ $code }] Laporan bulanan bagi { $period } telah tertunggak (peringatan { $number } daripada 3)
mail-due-soon-body = Laporan bulanan { $agency } bagi { $period } dalam { $code } ({ $jpa }) perlu dihantar pada { $due }.
mail-overdue-body = Laporan bulanan { $agency } bagi { $period } dalam { $code } ({ $jpa }) sepatutnya dihantar pada { $due } tetapi belum dihantar (peringatan { $number } daripada 3).
mail-file-here = Hantar laporan
mail-nil-counts = Laporan nil (“tiada perkembangan baharu bulan ini”) dikira sebagai telah dihantar.
mail-milestones-heading = Tonggak { $agency } yang tertunggak atau perlu dicapai dalam 30 hari akan datang:
mail-overdue-mark = tertunggak

## Co-chairs' digest
mail-digest-subject = [{ $code }] Laporan bulanan bagi { $period }: status mengikut agensi
mail-digest-body = Laporan bulanan bagi { $period } dalam { $code } ({ $jpa }), tarikh akhir { $due }:
mail-digest-agency = Agensi
mail-digest-country = Negara
mail-digest-return = Laporan
mail-digest-overdue-milestones = Tonggak tertunggak
mail-digest-state-on_time = tepat masa
mail-digest-state-late = lewat
mail-digest-state-missing = tidak dihantar
mail-digest-overdue-count = { $count ->
    [one] 1 tonggak tertunggak
   *[other] { $count } tonggak tertunggak
}
mail-digest-totals = Tepat masa: { $on_time }, lewat: { $late }, tidak dihantar: { $missing }.
mail-digest-compliance = Pematuhan
