# The name of this language, in itself (language pickers list each language by it).
language-name = Bahasa Indonesia
# The pages' Indonesian messages (Project Fluent).

service-name = Koordinasi JPA
skip-to-content = Langsung ke konten utama
signed-in-as = Masuk sebagai { $name }
sign-out = Keluar
nav-label = Utama
nav-jpas = JPA
nav-me = Akun Anda
jpa-bar-current = JPA saat ini:
jpa-bar-switch = Ganti JPA
jpa-nav-label = Halaman { $code }
nav-jpa-home = Ikhtisar
nav-jpa-investigations = Penyidikan
nav-jpa-returns = Laporan bulanan
nav-jpa-compliance = Kepatuhan
nav-jpa-progress = Kemajuan
nav-jpa-dashboard = Dasbor
nav-jpa-compendium = Kompendium
jpa-exercise-banner = Latihan: JPA ini adalah simulasi. Angka-angkanya bukan kasus nyata.
footer-text = Koordinasi Joint Period of Action. Untuk penggunaan resmi oleh instansi peserta.

role-admin = administrator
role-co_chair = ketua bersama
role-liaison = petugas penghubung instansi
role-observer = pengamat

error-summary-title = Terjadi masalah
error-prefix = Kesalahan:
error-title-prefix = Kesalahan:
error-generic = { $message }
error-home-link = Ke halaman awal
error-request-id = Jika Anda melaporkan masalah ini, sebutkan ID permintaan { $id }.
error-not-found-title = Halaman tidak ditemukan
error-not-found-body = Tidak ada halaman di alamat ini, atau Anda tidak memiliki akses ke halaman tersebut. Jika Anda mengetik alamatnya, periksa apakah sudah benar.
error-forbidden-title = Anda tidak dapat melakukan ini
error-forbidden-body = Fungsi ini tidak tersedia untuk akun Anda, atau formulir dikirim dari luar layanan ini. Jika Anda mengirim formulir, kembali, muat ulang halaman, lalu coba lagi.
error-bad-request-title = Ada yang salah dengan permintaan tersebut
error-bad-request-body = Kembali dan coba lagi.
error-conflict-title = Tindakan tersebut tidak dapat dilakukan
error-conflict-body = Ada perubahan sementara itu. Kembali, muat ulang halaman, lalu coba lagi.
error-unavailable-title = Maaf, layanan tidak tersedia
error-unavailable-body = Layanan sedang tidak merespons. Coba lagi dalam beberapa menit.
error-internal-title = Maaf, terjadi masalah pada layanan
error-internal-body = Coba lagi nanti.

field-email = Alamat email
field-password = Kata sandi
field-code = Kode
field-current-password = Kata sandi saat ini
field-new-password = Kata sandi baru
field-confirm-password = Konfirmasi kata sandi baru
password-hint = 12 sampai 128 karakter. Frasa sandi dari beberapa kata paling mudah diingat.
back-to-sign-in = Kembali ke halaman masuk

login-title = Masuk
login-submit = Masuk
login-forgot-link = Lupa kata sandi?

totp-title = Masukkan kode Anda
totp-hint = Kode 6 digit dari aplikasi autentikator Anda, atau salah satu kode pemulihan Anda.
totp-submit = Lanjutkan
totp-start-again = Mulai lagi

forgot-title = Atur ulang kata sandi
forgot-intro = Masukkan alamat email akun Anda. Kami akan mengirimkan tautan untuk membuat kata sandi baru.
forgot-submit = Kirim tautan
forgot-sent-title = Periksa email Anda
forgot-sent-body = Jika alamat tersebut memiliki akun, kami telah mengirimkan tautan untuk membuat kata sandi baru. Tautan berlaku selama 1 jam. Jika tidak ada yang masuk, periksa folder spam atau minta lagi.

set-password-title = Buat kata sandi
set-password-submit = Simpan kata sandi
set-password-no-token = Tautan ini tidak lengkap. Gunakan tautan dari email Anda apa adanya.
set-password-new-link = Minta tautan baru

me-title = Akun Anda
me-name = Nama
me-email = Alamat email
me-role = Peran
me-password-heading = Ubah kata sandi
me-password-intro = Sesi Anda yang lain akan berakhir saat Anda mengubahnya.
me-password-submit = Ubah kata sandi
me-mfa-heading = Autentikasi dua faktor
me-mfa-on = Autentikasi dua faktor aktif. Anda masuk dengan kata sandi dan kode dari aplikasi autentikator.
me-mfa-off = Autentikasi dua faktor nonaktif. Aktifkan untuk melindungi akun Anda dengan kode dari aplikasi autentikator.
me-mfa-enrol-hint = Untuk mengaktifkannya, konfirmasi kata sandi Anda saat ini.
me-mfa-enrol-submit = Aktifkan autentikasi dua faktor
me-codes-heading = Kode pemulihan
me-codes-left = { $count ->
    [0] Tidak ada lagi kode pemulihan yang belum terpakai. Buat kode baru sekarang.
    [one] Tersisa 1 kode pemulihan yang belum terpakai.
   *[other] Tersisa { $count } kode pemulihan yang belum terpakai.
  }
me-codes-intro = Kode baru menggantikan semua kode lama. Anda memerlukan kata sandi dan kode yang berlaku.
me-codes-submit = Buat kode pemulihan baru
me-mfa-disable-heading = Nonaktifkan autentikasi dua faktor
me-mfa-disable-submit = Nonaktifkan autentikasi dua faktor

enrol-title = Siapkan aplikasi autentikator
enrol-step-scan = Pindai kode QR ini dengan aplikasi autentikator Anda.
enrol-qr-alt = Kode QR untuk menambahkan akun ini ke aplikasi autentikator
enrol-step-key = Jika tidak dapat memindainya, masukkan kunci ini di aplikasi:
enrol-code-hint = Masukkan kode 6 digit yang kini ditampilkan aplikasi.
enrol-submit = Aktifkan
enrol-cancel = Batal

codes-title = Kode pemulihan Anda
codes-once = Simpan kode-kode ini di tempat yang aman. Setiap kode hanya berlaku sekali, sebagai pengganti kode dari aplikasi. Kode hanya ditampilkan kali ini.
codes-done = Sudah saya simpan

jpas-title = JPA Anda
jpas-caption = Joint Period of Action yang dapat Anda lihat
jpas-code = Kode
jpas-name = Nama
jpas-dates = Tanggal
jpas-status = Status
jpas-exercise = latihan
jpas-date-range = { $start } s.d. { $end }
jpa-status-planning = Perencanaan
jpa-status-active = Aktif
jpa-status-closed = Ditutup
jpas-none = Belum ada JPA yang dapat Anda lihat.
jpas-more = Hanya 100 yang pertama ditampilkan.

notice-signed-out = Anda telah keluar.
notice-password-set = Kata sandi Anda telah dibuat. Sekarang Anda dapat masuk.
notice-password-changed = Kata sandi Anda telah diubah. Sesi Anda yang lain telah berakhir.
notice-mfa-off = Autentikasi dua faktor nonaktif.
notice-mfa-required = Peran Anda wajib menggunakan autentikasi dua faktor. Aktifkan di bawah ini untuk melanjutkan.
notice-session-ended = Sesi Anda telah berakhir. Silakan masuk kembali.

err-email-missing = Masukkan alamat email Anda
err-password-missing = Masukkan kata sandi Anda
err-sign-in-refused = Masukkan alamat email dan kata sandi yang benar
err-throttled = Terlalu banyak percobaan. Coba lagi dalam { $minutes ->
    [one] 1 menit
   *[other] { $minutes } menit
  }.
err-code-missing = Masukkan kode
err-code-refused = Kode salah atau sudah kedaluwarsa. Masukkan kode yang berlaku, atau mulai lagi.
err-code-wrong = Kode tersebut bukan kode terkini dari aplikasi autentikator Anda
err-password-or-code = Kata sandi atau kode salah
err-current-password = Kata sandi saat ini salah
err-current-password-missing = Masukkan kata sandi Anda saat ini
err-new-password-missing = Masukkan kata sandi baru
err-confirm-mismatch = Kedua kata sandi tidak cocok
err-password-too-short = Kata sandi minimal 12 karakter
err-password-too-long = Kata sandi maksimal 128 karakter
err-password-common = Kata sandi terlalu umum atau mudah ditebak; pilih yang lain
err-token-invalid = Tautan ini tidak valid, sudah digunakan, atau sudah kedaluwarsa. Minta tautan baru

## Language: the switch of the signed-out pages and the account page's choice
lang-switch-label = Bahasa
me-language-heading = Bahasa
me-language-label = Bahasa halaman dan email Anda
me-language-save = Simpan bahasa
notice-language-saved = Bahasa Anda telah disimpan.

## Months and dates as pages show them
month-1 = Januari
month-2 = Februari
month-3 = Maret
month-4 = April
month-5 = Mei
month-6 = Juni
month-7 = Juli
month-8 = Agustus
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Desember
# A period (a month of a year) written out, e.g. "Maret 2026".
period-long = { $month } { $year }
# A day written out, e.g. "10 Maret 2026".
date-long = { $day } { $month } { $year }
# Between groups of three digits in large numbers (1.234.567).
number-group-separator = .
err-stale-form = Akun Anda berubah saat halaman ini terbuka. Periksa pilihan di bawah dan simpan lagi.
err-locale-unknown = Pilih salah satu bahasa dalam daftar.
