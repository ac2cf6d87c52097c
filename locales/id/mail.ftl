# Mails: each in its recipient's language, subject included. Placeables hold names,
# dates, codes and links; the HTML mails escape every value.
mail-signature = Layanan koordinasi JPA
mail-greeting = Yth. { $name },
mail-exercise = INI ADALAH LATIHAN.
mail-exercise-tag = [LATIHAN]

## Invitation
mail-invite-subject = Akun koordinasi JPA Anda
mail-invite-body = Akun telah dibuat untuk Anda di layanan koordinasi JPA. Buat kata sandi Anda dalam 72 jam:
mail-invite-link = Buat kata sandi
mail-ignore = Jika Anda tidak mengharapkan pesan ini, abaikan saja.

## Password reset
mail-reset-subject = Atur ulang kata sandi koordinasi JPA Anda
mail-reset-body = Seseorang meminta pengaturan ulang kata sandi akun koordinasi JPA Anda. Buat kata sandi baru dalam satu jam:
mail-reset-link = Atur ulang kata sandi
mail-reset-ignore = Jika itu bukan Anda, abaikan pesan ini; kata sandi Anda tetap seperti semula.

## Security notice
mail-security-subject = Pemberitahuan keamanan: akun koordinasi JPA Anda berubah
mail-security-password_changed = kata sandi akun Anda diubah
mail-security-password_reset = kata sandi akun Anda diatur ulang melalui tautan email, dan semua sesi dikeluarkan
mail-security-two_factor_enabled = autentikasi dua faktor diaktifkan untuk akun Anda
mail-security-two_factor_disabled = autentikasi dua faktor dinonaktifkan untuk akun Anda
mail-security-recovery_codes_replaced = kode pemulihan baru dibuat untuk akun Anda, dan kode lama tidak berlaku lagi
mail-security-body = Pada { $when }, { $what } di layanan koordinasi JPA.
mail-security-advice = Jika itu Anda, tidak ada yang perlu dilakukan. Jika bukan, segera beri tahu administrator Anda: orang lain mungkin dapat masuk atas nama Anda.
mail-security-link = Pengaturan masuk akun Anda
mail-security-after-sign-in = (setelah masuk)

## Monthly return reminders
mail-due-soon-subject = [{ $code }] Laporan bulanan { $period } jatuh tempo pada { $due }
mail-overdue-subject = [{ $code }] Laporan bulanan { $period } melewati jatuh tempo (pengingat { $number } dari 3)
mail-due-soon-body = Laporan bulanan { $agency } untuk { $period } dalam { $code } ({ $jpa }) jatuh tempo pada { $due }.
mail-overdue-body = Laporan bulanan { $agency } untuk { $period } dalam { $code } ({ $jpa }) jatuh tempo pada { $due } dan belum disampaikan (pengingat { $number } dari 3).
mail-file-here = Sampaikan laporan
mail-nil-counts = Laporan nihil (“tidak ada hal baru bulan ini”) dihitung sebagai telah disampaikan.
mail-milestones-heading = Tonggak capaian { $agency } yang melewati jatuh tempo atau jatuh tempo dalam 30 hari ke depan:
mail-overdue-mark = lewat jatuh tempo

## Co-chairs' digest
mail-digest-subject = [{ $code }] Laporan bulanan { $period }: status per instansi
mail-digest-body = Laporan bulanan { $period } dalam { $code } ({ $jpa }), jatuh tempo pada { $due }:
mail-digest-agency = Instansi
mail-digest-country = Negara
mail-digest-return = Laporan
mail-digest-overdue-milestones = Tonggak capaian lewat jatuh tempo
mail-digest-state-on_time = tepat waktu
mail-digest-state-late = terlambat
mail-digest-state-missing = tidak masuk
mail-digest-overdue-count = { $count ->
    [one] 1 tonggak capaian lewat jatuh tempo
   *[other] { $count } tonggak capaian lewat jatuh tempo
}
mail-digest-totals = Tepat waktu: { $on_time }, terlambat: { $late }, tidak masuk: { $missing }.
mail-digest-compliance = Kepatuhan
